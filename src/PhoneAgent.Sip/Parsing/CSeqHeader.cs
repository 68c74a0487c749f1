using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PhoneAgent.Sip.Parsing;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number must be below 2**31 (§8.1.1.5).</summary>
public sealed record CSeqHeader(long Number, string Method)
{
    private const long MaxNumber = (1L << 31) - 1;

    /// <summary>
    /// Parses a CSeq value. Leading zeros are allowed (wsinv's "0009", RFC 4475 §3.1.1.1); a number of 2**31 or
    /// more fails (scalar02 and scalarlg, RFC 4475 §3.1.2.4/5), as does anything but exactly a number and a method.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CSeqHeader? cseq)
    {
        cseq = null;
        var s = text.AsSpan().Trim(" \t");
        var ws = s.IndexOfAny(' ', '\t');
        if (ws < 0) return false;
        var method = s[ws..].TrimStart(" \t");
        if (!SipGrammar.TryParseDigits(s[..ws], MaxNumber, out var n) || !SipGrammar.IsToken(method)) return false;
        cseq = new CSeqHeader(n, method.ToString());
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)} {Method}";
}
