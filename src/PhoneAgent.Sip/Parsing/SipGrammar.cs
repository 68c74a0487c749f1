using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>Character classes and small lexical helpers from the RFC 3261 §25.1 ABNF.</summary>
public static class SipGrammar
{
    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    /// <summary>True when <paramref name="s"/> is a non-empty RFC 3261 token.</summary>
    public static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s)
        {
            if (!IsTokenChar(c)) return false;
        }
        return true;
    }

    /// <summary>SP / HTAB (RFC 3261 §25.1 WSP).</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    /// <summary>
    /// Splits a header value on commas that are not inside a quoted string or angle brackets
    /// (RFC 3261 §7.3.1: multiple field values may be combined into one comma-separated row).
    /// Returns trimmed, non-empty parts; null when quotes or brackets do not balance.
    /// </summary>
    public static List<string>? SplitTopLevel(string value, char separator = ',')
    {
        var parts = new List<string>();
        var inQuotes = false;
        var inAngle = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\') i++;
                else if (c == '"') inQuotes = false;
                continue;
            }
            switch (c)
            {
                case '"': inQuotes = true; break;
                case '<': inAngle = true; break;
                case '>': inAngle = false; break;
                default:
                    if (c == separator && !inAngle)
                    {
                        AddTrimmed(parts, value, start, i);
                        start = i + 1;
                    }
                    break;
            }
        }
        if (inQuotes || inAngle) return null;
        AddTrimmed(parts, value, start, value.Length);
        return parts;
    }

    private static void AddTrimmed(List<string> parts, string value, int start, int end)
    {
        var part = value.AsSpan(start, end - start).Trim(" \t");
        if (!part.IsEmpty) parts.Add(part.ToString());
    }

    /// <summary>
    /// Reads a quoted-string starting at <paramref name="start"/> (which must be '"'), unescaping quoted-pairs
    /// (RFC 3261 §25.1). Returns the index after the closing quote, or -1 when unterminated.
    /// </summary>
    public static int ReadQuotedString(string s, int start, out string content)
    {
        var sb = new StringBuilder();
        for (var i = start + 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\')
            {
                if (i + 1 >= s.Length) break;
                sb.Append(s[++i]);
            }
            else if (c == '"')
            {
                content = sb.ToString();
                return i + 1;
            }
            else
            {
                sb.Append(c);
            }
        }
        content = string.Empty;
        return -1;
    }

    /// <summary>Wraps a display name or parameter value in quotes, escaping '"' and '\' (RFC 3261 §25.1 quoted-pair).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            if (c is '"' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
