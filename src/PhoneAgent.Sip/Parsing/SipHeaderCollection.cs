namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// The header rows of a message in wire order. Names are canonicalised on insertion (compact forms
/// expanded, RFC 3261 §7.3.3) and compared case-insensitively (§7.3.1).
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeader>
{
    private readonly List<SipHeader> _rows = [];

    /// <summary>Incremented on every change; lets messages cache typed views of headers.</summary>
    public int Version { get; private set; }

    /// <summary>Number of rows.</summary>
    public int Count => _rows.Count;

    /// <summary>Appends a row.</summary>
    public void Add(string name, string value)
    {
        _rows.Add(new SipHeader(HeaderNames.Canonicalize(name), value));
        Version++;
    }

    /// <summary>Appends a row whose name the parser already canonicalised, skipping a second lookup.</summary>
    internal void AddCanonical(string canonicalName, string value)
    {
        _rows.Add(new SipHeader(canonicalName, value));
        Version++;
    }

    /// <summary>Inserts a row before all rows (used to push a Via or Record-Route on top).</summary>
    public void AddFirst(string name, string value)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var i = _rows.FindIndex(r => Is(r, canonical));
        _rows.Insert(i < 0 ? _rows.Count : i, new SipHeader(canonical, value));
        Version++;
    }

    /// <summary>Replaces every row of this name with one row (appended where the first one stood).</summary>
    public void Set(string name, string value)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var i = _rows.FindIndex(r => Is(r, canonical));
        _rows.RemoveAll(r => Is(r, canonical));
        _rows.Insert(i < 0 ? _rows.Count : i, new SipHeader(canonical, value));
        Version++;
    }

    /// <summary>Removes every row of this name; returns how many were removed.</summary>
    public int Remove(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        var n = _rows.RemoveAll(r => Is(r, canonical));
        if (n > 0) Version++;
        return n;
    }

    /// <summary>True when at least one row has this name.</summary>
    public bool Contains(string name) => GetFirst(name) is not null;

    /// <summary>The first row's value, or null.</summary>
    public string? GetFirst(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        foreach (var r in _rows)
        {
            if (Is(r, canonical)) return r.Value;
        }
        return null;
    }

    /// <summary>Every row's value in order (not split on commas).</summary>
    public IEnumerable<string> GetRows(string name)
    {
        var canonical = HeaderNames.Canonicalize(name);
        foreach (var r in _rows)
        {
            if (Is(r, canonical)) yield return r.Value;
        }
    }

    /// <summary>Number of rows with this name.</summary>
    public int CountOf(string name) => GetRows(name).Count();

    /// <summary>
    /// All values of a list header, rows split on top-level commas (RFC 3261 §7.3.1). Null when a row's
    /// quoting or brackets do not balance.
    /// </summary>
    public List<string>? GetValues(string name)
    {
        var values = new List<string>();
        foreach (var row in GetRows(name))
        {
            var parts = SipGrammar.SplitTopLevel(row);
            if (parts is null) return null;
            values.AddRange(parts);
        }
        return values;
    }

    /// <summary>Copies every row of <paramref name="name"/> from another collection, in order.</summary>
    public void CopyFrom(SipHeaderCollection other, string name)
    {
        foreach (var v in other.GetRows(name)) Add(name, v);
    }

    private static bool Is(SipHeader row, string canonical) =>
        string.Equals(row.Name, canonical, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerator<SipHeader> GetEnumerator() => _rows.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
