using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PhoneAgent.Sip.Parsing;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number must be below 2**31 (§8.1.1.5).</summary>
public sealed record CSeqHeader(long Number, string Method)
{
    /// <summary>Parses a CSeq value.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out CSeqHeader? cseq)
    {
        cseq = null;
        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[0].Length > 10 || !parts[0].All(char.IsAsciiDigit)) return false;
        var n = long.Parse(parts[0], CultureInfo.InvariantCulture);
        if (n >= 1L << 31 || !SipGrammar.IsToken(parts[1])) return false;
        cseq = new CSeqHeader(n, parts[1]);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)} {Method}";
}
