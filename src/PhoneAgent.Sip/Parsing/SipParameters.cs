using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// An ordered list of ";name[=value]" parameters (URI or header parameters). Names compare case-insensitively
/// (RFC 3261 §19.1.4, §7.3.1); order is preserved so that re-serialised messages keep what the peer sent.
/// A value is null for a flag parameter such as ";lr" or ";rport".
/// </summary>
public sealed class SipParameters : IEnumerable<KeyValuePair<string, string?>>
{
    private readonly List<KeyValuePair<string, string?>> _items = [];

    /// <summary>Number of parameters.</summary>
    public int Count => _items.Count;

    /// <summary>True when a parameter of this name is present (flag or valued).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of a parameter; null when absent or when it is a flag.</summary>
    public string? Get(string name)
    {
        var i = IndexOf(name);
        return i < 0 ? null : _items[i].Value;
    }

    /// <summary>Sets (replacing in place) or appends a parameter.</summary>
    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i >= 0) _items[i] = new(_items[i].Key, value);
        else _items.Add(new(name, value));
    }

    /// <summary>Removes a parameter; returns whether it was present.</summary>
    public bool Remove(string name)
    {
        var i = IndexOf(name);
        if (i < 0) return false;
        _items.RemoveAt(i);
        return true;
    }

    /// <summary>A copy that can be changed independently.</summary>
    public SipParameters Clone()
    {
        var copy = new SipParameters();
        copy._items.AddRange(_items);
        return copy;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>
    /// Parses header parameters from text that starts right after the first ';' (e.g. "tag=1;lr").
    /// generic-param = token [ EQUAL gen-value ], gen-value = token / host / quoted-string (RFC 3261 §25.1);
    /// EQUAL and SEMI allow whitespace on both sides (wsinv's "tag    = 1918181833n", RFC 4475 §3.1.1.1).
    /// Quoted values are kept with their quotes. Returns false on an empty parameter (badinv01's ";;",
    /// RFC 4475 §3.1.2.1), an empty value, a name that is not a token, or an unterminated quoted string.
    /// </summary>
    public static bool TryParse(string text, out SipParameters parameters) => TryParse(text, uriParameters: false, out parameters);

    /// <summary>
    /// Parses uri-parameters (RFC 3261 §19.1.1): pname [ "=" pvalue ], both 1*paramchar with escapes, no
    /// whitespace and no quoting. Escapes are kept as received (esc01's ";%6C%72", RFC 4475 §3.1.1.3).
    /// </summary>
    internal static bool TryParseUriParameters(string text, out SipParameters parameters) =>
        TryParse(text, uriParameters: true, out parameters);

    private static bool TryParse(string text, bool uriParameters, out SipParameters parameters)
    {
        parameters = new SipParameters();
        var i = 0;
        while (true)
        {
            var end = uriParameters ? IndexOfOrEnd(text, i) : IndexOfUnquotedSemicolon(text, i);
            if (end < 0) return false;
            var part = text.AsSpan(i, end - i);
            var ok = uriParameters ? TryAddUriParameter(parameters, part) : TryAddHeaderParameter(parameters, part);
            if (!ok) return false;
            if (end == text.Length) return true;
            i = end + 1;
        }
    }

    private static int IndexOfOrEnd(string text, int start)
    {
        var i = text.IndexOf(';', start);
        return i < 0 ? text.Length : i;
    }

    // The next ';' outside a quoted-string, the end of the text, or -1 when a quoted-string is unterminated.
    private static int IndexOfUnquotedSemicolon(string text, int start)
    {
        var inQuotes = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes && c == '\\') i++;
            else if (c == '"') inQuotes = !inQuotes;
            else if (c == ';' && !inQuotes) return i;
        }
        return inQuotes ? -1 : text.Length;
    }

    private static bool TryAddHeaderParameter(SipParameters parameters, ReadOnlySpan<char> part)
    {
        var eq = part.IndexOf('=');
        var name = (eq < 0 ? part : part[..eq]).Trim(" \t");
        if (!SipGrammar.IsToken(name)) return false;
        string? value = null;
        if (eq >= 0)
        {
            var v = part[(eq + 1)..].Trim(" \t");
            if (!IsGenValue(v)) return false;
            value = v.ToString();
        }
        parameters._items.Add(new(name.ToString(), value));
        return true;
    }

    // gen-value = token / host / quoted-string; host adds '[', ']' and ':' (IPv6reference) to the token characters.
    private static bool IsGenValue(ReadOnlySpan<char> v)
    {
        if (v.IsEmpty) return false;
        if (v[0] == '"') return SipGrammar.QuotedStringLength(v) == v.Length;
        foreach (var c in v)
        {
            if (!SipGrammar.IsTokenChar(c) && c is not ('[' or ']' or ':')) return false;
        }
        return true;
    }

    private static bool TryAddUriParameter(SipParameters parameters, ReadOnlySpan<char> part)
    {
        var eq = part.IndexOf('=');
        var name = eq < 0 ? part : part[..eq];
        if (name.IsEmpty || !SipGrammar.IsEscapedText(name, SipGrammar.IsParamChar)) return false;
        string? value = null;
        if (eq >= 0)
        {
            var v = part[(eq + 1)..];
            if (v.IsEmpty || !SipGrammar.IsEscapedText(v, SipGrammar.IsParamChar)) return false;
            value = v.ToString();
        }
        parameters._items.Add(new(name.ToString(), value));
        return true;
    }

    /// <summary>Appends ";name=value" for each parameter.</summary>
    public void AppendTo(StringBuilder sb)
    {
        foreach (var (k, v) in _items)
        {
            sb.Append(';').Append(k);
            if (v is not null) sb.Append('=').Append(v);
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
