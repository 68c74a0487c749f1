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
    /// Parses parameters from text that starts right after the first ';' (e.g. "tag=1;lr"). Values may be
    /// quoted strings (kept with their quotes, as generic-param allows, RFC 3261 §25.1). Returns false when a
    /// name is not a token or a quoted value is unterminated.
    /// </summary>
    public static bool TryParse(string text, out SipParameters parameters)
    {
        parameters = new SipParameters();
        var i = 0;
        while (i <= text.Length)
        {
            var end = i;
            var inQuotes = false;
            while (end < text.Length && (inQuotes || text[end] != ';'))
            {
                if (text[end] == '\\' && inQuotes) end++;
                else if (text[end] == '"') inQuotes = !inQuotes;
                end++;
            }
            if (inQuotes) return false;
            end = Math.Min(end, text.Length);
            var part = text.AsSpan(i, end - i).Trim(" \t");
            var eq = part.IndexOf('=');
            var name = (eq < 0 ? part : part[..eq]).Trim(" \t");
            if (!SipGrammar.IsToken(name)) return false;
            string? value = eq < 0 ? null : part[(eq + 1)..].Trim(" \t").ToString();
            if (value is not null && value.Length == 0) return false;
            parameters._items.Add(new(name.ToString(), value));
            i = end + 1;
        }
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
