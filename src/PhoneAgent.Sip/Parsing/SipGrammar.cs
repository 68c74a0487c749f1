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

    // The same test on raw bytes, for header names and methods before any string exists.
    internal static bool IsToken(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return false;
        foreach (var b in s)
        {
            if (!IsTokenChar((char)b)) return false;
        }
        return true;
    }

    /// <summary>SP / HTAB (RFC 3261 §25.1 WSP).</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t';

    // unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")".
    internal static bool IsUnreserved(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')';

    // user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" (RFC 3261 §25.1).
    internal static bool IsUserChar(char c) => IsUnreserved(c) || c is '&' or '=' or '+' or '$' or ',' or ';' or '?' or '/';

    // password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ).
    internal static bool IsPasswordChar(char c) => IsUnreserved(c) || c is '&' or '=' or '+' or '$' or ',';

    // paramchar = param-unreserved / unreserved / escaped; param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$".
    internal static bool IsParamChar(char c) => IsUnreserved(c) || c is '[' or ']' or '/' or ':' or '&' or '+' or '$';

    // hname / hvalue = *( hnv-unreserved / unreserved / escaped ); hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$".
    internal static bool IsHeaderChar(char c) => IsUnreserved(c) || c is '[' or ']' or '/' or '?' or ':' or '+' or '$';

    /// <summary>
    /// True when every character of <paramref name="s"/> satisfies <paramref name="allowed"/> or belongs to an
    /// escaped = "%" HEXDIG HEXDIG triplet (RFC 3261 §25.1). An empty span passes.
    /// </summary>
    internal static bool IsEscapedText(ReadOnlySpan<char> s, Func<char, bool> allowed)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2])) return false;
                i += 2;
            }
            else if (!allowed(s[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Parses 1*DIGIT (leading zeros allowed, as in wsinv's "Max-Forwards: 0068", RFC 4475 §3.1.1.1).
    /// Returns false for anything else and for values above <paramref name="max"/>; never overflows.
    /// </summary>
    internal static bool TryParseDigits(ReadOnlySpan<char> s, long max, out long value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
            if (value > max) return false;
        }
        return true;
    }

    /// <summary>
    /// Resolves "%HH" escapes (RFC 3261 §19.1.2) and decodes the octets as UTF-8, e.g. esc01's Request-URI user
    /// "sips%3Auser%40example.com" becomes "sips:user@example.com" (RFC 4475 §3.1.1.3). Invalid escapes are kept
    /// as they are. Unescaping is applied once, never recursively ("%2541" becomes "%41").
    /// </summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('%')) return s;
        var bytes = new List<byte>(s.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && char.IsAsciiHexDigit(s[i + 1]) && char.IsAsciiHexDigit(s[i + 2]))
            {
                bytes.Add((byte)((HexValue(s[i + 1]) << 4) | HexValue(s[i + 2])));
                i += 2;
                continue;
            }
            // A lone surrogate decodes to U+FFFD instead of throwing.
            Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out var consumed);
            var n = rune.EncodeToUtf8(utf8);
            for (var k = 0; k < n; k++) bytes.Add(utf8[k]);
            i += consumed - 1;
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

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
    /// (RFC 3261 §25.1). Returns the index after the closing quote, or -1 when unterminated or when it holds a
    /// character the grammar forbids: qdtext excludes control characters other than HTAB (they may only appear
    /// as a quoted-pair, as intmeth's "\NUL" does, RFC 4475 §3.1.1.2), and quoted-pair excludes CR and LF.
    /// </summary>
    public static int ReadQuotedString(string s, int start, out string content)
    {
        content = string.Empty;
        var length = QuotedStringLength(s.AsSpan(start));
        if (length < 0) return -1;
        var sb = new StringBuilder(length);
        for (var i = start + 1; i < start + length - 1; i++)
        {
            if (s[i] == '\\') i++;
            sb.Append(s[i]);
        }
        content = sb.ToString();
        return start + length;
    }

    /// <summary>Length of the quoted-string at the start of <paramref name="s"/> including both quotes, or -1.</summary>
    internal static int QuotedStringLength(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[0] != '"') return -1;
        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"') return i + 1;
            if (c == '\\')
            {
                if (i + 1 >= s.Length || s[i + 1] is '\r' or '\n') return -1;
                i++;
            }
            else if ((c < ' ' && c != '\t') || c == '\x7f')
            {
                return -1;
            }
        }
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
