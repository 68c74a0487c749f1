using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// The value of From, To, Contact, Route, Record-Route, Refer-To: either name-addr ([display-name] &lt;URI&gt;)
/// or addr-spec (bare URI), followed by header parameters (RFC 3261 §20.10). In the addr-spec form every
/// ';' after the URI starts a header parameter, not a URI parameter — which is why a URI with parameters
/// must be written in angle brackets.
/// </summary>
public sealed class NameAddress
{
    /// <summary>Display name with quotes removed and escapes resolved, or null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The address.</summary>
    public SipUri Uri { get; init; }

    /// <summary>Header parameters, e.g. tag, expires, q.</summary>
    public SipParameters Parameters { get; init; } = new();

    /// <summary>Creates a name-addr.</summary>
    public NameAddress(SipUri uri, string? displayName = null)
    {
        Uri = uri;
        DisplayName = displayName;
    }

    /// <summary>The tag parameter (RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters.Get("tag");

    /// <summary>Parses one address; throws <see cref="SipParseException"/> with <paramref name="error"/> on failure.</summary>
    public static NameAddress Parse(string text, SipParseError error = SipParseError.InvalidAddress) =>
        TryParse(text, out var a) ? a : throw new SipParseException(error, text);

    /// <summary>
    /// Parses one address value (not a comma-separated list). name-addr = [ display-name ] LAQUOT addr-spec RAQUOT,
    /// where LAQUOT = SWS "&lt;" and RAQUOT = "&gt;" SWS (RFC 3261 §25.1): whitespace may precede '&lt;' (or be
    /// absent, lwsdisp, RFC 4475 §3.1.1.6) and follow '&gt;', but never sit inside the brackets (badaspec, §3.1.2.14).
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out NameAddress? address)
    {
        address = null;
        var s = text.Trim(' ', '\t');
        if (s.Length == 0) return false;
        string? display = null;
        var i = 0;
        if (s[0] == '"')
        {
            // An unterminated quote (quotbal, RFC 4475 §3.1.2.6) fails here rather than being guessed at.
            i = SipGrammar.ReadQuotedString(s, 0, out var quoted);
            if (i < 0) return false;
            display = quoted;
            while (i < s.Length && SipGrammar.IsWhitespace(s[i])) i++;
            if (i >= s.Length || s[i] != '<') return false;
        }
        var lt = s.IndexOf('<', i);
        string uriText;
        string paramText;
        if (lt >= 0)
        {
            if (display is null && !TryReadTokenDisplayName(s.AsSpan(0, lt), out display)) return false;
            var gt = s.IndexOf('>', lt);
            if (gt < 0) return false;
            uriText = s[(lt + 1)..gt];
            paramText = s[(gt + 1)..].TrimStart(' ', '\t');
            if (paramText.Length > 0 && paramText[0] != ';') return false;
        }
        else
        {
            // addr-spec: RFC 3261 §20.10 — a URI holding ',', '?' or ';' must be in angle brackets, so here the
            // first ';' starts the header parameters (cparam01, RFC 4475 §3.3.12) and '?' is an error (regbadct, §3.1.2.13).
            var semi = s.IndexOf(';');
            uriText = (semi < 0 ? s : s[..semi]).TrimEnd(' ', '\t');
            paramText = semi < 0 ? string.Empty : s[semi..];
            if (uriText.AsSpan().IndexOfAny("?, \t") >= 0) return false;
        }
        if (!SipUri.TryParse(uriText, out var uri)) return false;
        var parameters = new SipParameters();
        if (paramText.Length > 0 && !SipParameters.TryParse(paramText[1..], out parameters)) return false;
        address = new NameAddress(uri, display) { Parameters = parameters };
        return true;
    }

    // display-name = *(token LWS) / quoted-string: an unquoted name is tokens separated by whitespace, so the comma
    // in baddn's "Bell, Alexander" (RFC 4475 §3.1.2.15) makes the header invalid. Null when there is no name.
    private static bool TryReadTokenDisplayName(ReadOnlySpan<char> text, out string? display)
    {
        display = null;
        var name = text.Trim(" \t");
        if (name.IsEmpty) return true;
        foreach (var c in name)
        {
            if (!SipGrammar.IsTokenChar(c) && !SipGrammar.IsWhitespace(c)) return false;
        }
        display = name.ToString();
        return true;
    }

    /// <summary>Parses a comma-separated list of addresses (Contact, Route, Record-Route).</summary>
    public static bool TryParseList(string text, [NotNullWhen(true)] out List<NameAddress>? list)
    {
        list = null;
        var parts = SipGrammar.SplitTopLevel(text);
        if (parts is null || parts.Count == 0) return false;
        var result = new List<NameAddress>(parts.Count);
        foreach (var part in parts)
        {
            if (!TryParse(part, out var a)) return false;
            result.Add(a);
        }
        list = result;
        return true;
    }

    /// <summary>A copy with an extra or replaced parameter (e.g. adding the To tag).</summary>
    public NameAddress WithParameter(string name, string? value)
    {
        var p = Parameters.Clone();
        p.Set(name, value);
        return new NameAddress(Uri, DisplayName) { Parameters = p };
    }

    /// <summary>Serialises as name-addr, always with angle brackets, so URI parameters stay URI parameters.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (DisplayName is not null) sb.Append(SipGrammar.Quote(DisplayName)).Append(' ');
        sb.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}
