using System.Diagnostics.CodeAnalysis;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Auth;

/// <summary>
/// The auth-params of a Digest challenge or credentials (RFC 3261 §25.1, RFC 7616 §3.3-§3.4):
/// <c>Digest name=token, name="quoted"</c>. Names compare case-insensitively; quoted values are unescaped.
/// </summary>
internal static class DigestParameters
{
    /// <summary>Parses a header value that must use the Digest scheme; false for another scheme or bad syntax.</summary>
    public static bool TryParse(string headerValue, [NotNullWhen(true)] out Dictionary<string, string>? parameters)
    {
        parameters = null;
        var value = headerValue.Trim();
        var space = value.IndexOfAny([' ', '\t']);
        if (space < 0 || !value.AsSpan(0, space).Equals("Digest", StringComparison.OrdinalIgnoreCase)) return false;
        var parts = SipGrammar.SplitTopLevel(value[(space + 1)..]);
        if (parts is null) return false;
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return false;
            var name = part[..eq].Trim();
            var raw = part[(eq + 1)..].Trim();
            if (!SipGrammar.IsToken(name)) return false;
            string parsed;
            if (raw.StartsWith('"'))
            {
                if (SipGrammar.ReadQuotedString(raw, 0, out parsed) != raw.Length) return false;
            }
            else
            {
                if (!SipGrammar.IsToken(raw)) return false;
                parsed = raw;
            }
            // RFC 7616 §3.3: a directive appearing twice makes the header ambiguous.
            if (!result.TryAdd(name, parsed)) return false;
        }
        parameters = result;
        return true;
    }
}
