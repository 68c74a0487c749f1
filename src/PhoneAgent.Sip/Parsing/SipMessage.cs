using System.Buffers;
using System.Globalization;
using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// A SIP request or response (RFC 3261 §7). Headers are kept as rows; the headers every layer needs
/// (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Route, Record-Route) have typed views that
/// are parsed on first use and cached until the headers change.
/// Typed getters throw <see cref="SipParseException"/> on a malformed value; <see cref="Validate"/>
/// checks them all once, so layers above the transport only ever see messages that passed.
/// </summary>
public abstract class SipMessage
{
    private int _cachedVersion = -1;
    private List<SipViaHeader>? _vias;
    private NameAddress? _from;
    private NameAddress? _to;
    private CSeqHeader? _cseq;

    /// <summary>Header rows in wire order.</summary>
    public SipHeaderCollection Headers { get; } = new();

    /// <summary>The message body (Content-Length is derived from it when serialising).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>The first line without CRLF.</summary>
    public abstract string StartLine { get; }

    /// <summary>All Via values, topmost first.</summary>
    public IReadOnlyList<SipViaHeader> Vias
    {
        get
        {
            Refresh();
            return _vias ??= ParseVias();
        }
    }

    /// <summary>The topmost Via, or null when there is none.</summary>
    public SipViaHeader? TopVia => Vias.Count > 0 ? Vias[0] : null;

    /// <summary>The From header, or null when absent.</summary>
    public NameAddress? From
    {
        get
        {
            Refresh();
            return _from ??= ParseAddress(HeaderNames.From, SipParseError.InvalidFromOrTo);
        }
    }

    /// <summary>The To header, or null when absent.</summary>
    public NameAddress? To
    {
        get
        {
            Refresh();
            return _to ??= ParseAddress(HeaderNames.To, SipParseError.InvalidFromOrTo);
        }
    }

    /// <summary>Call-ID, or null when absent.</summary>
    public string? CallId => Headers.GetFirst(HeaderNames.CallId)?.Trim();

    /// <summary>The CSeq header, or null when absent.</summary>
    public CSeqHeader? CSeq
    {
        get
        {
            Refresh();
            if (_cseq is not null) return _cseq;
            var raw = Headers.GetFirst(HeaderNames.CSeq);
            if (raw is null) return null;
            return _cseq = CSeqHeader.TryParse(raw, out var c) ? c : throw new SipParseException(SipParseError.InvalidCSeq, raw);
        }
    }

    /// <summary>Max-Forwards, or null when absent.</summary>
    public int? MaxForwards
    {
        get
        {
            var raw = Headers.GetFirst(HeaderNames.MaxForwards)?.Trim(' ', '\t');
            if (raw is null) return null;
            // Max-Forwards = 1*DIGIT, 0-255 (RFC 3261 §20.22); leading zeros are legal (wsinv's "0068").
            return SipGrammar.TryParseDigits(raw, 255, out var value)
                ? (int)value
                : throw new SipParseException(SipParseError.InvalidMaxForwards, raw);
        }
    }

    /// <summary>Contact addresses (empty when absent; "*" is not an address and is reported via <see cref="IsContactWildcard"/>).</summary>
    public IReadOnlyList<NameAddress> Contacts => IsContactWildcard ? [] : ParseAddressList(HeaderNames.Contact);

    /// <summary>True for "Contact: *" (RFC 3261 §10.2.2, REGISTER only).</summary>
    public bool IsContactWildcard => Headers.GetFirst(HeaderNames.Contact)?.Trim() == "*";

    /// <summary>Record-Route entries in header order.</summary>
    public IReadOnlyList<NameAddress> RecordRoutes => ParseAddressList(HeaderNames.RecordRoute);

    /// <summary>Route entries in header order.</summary>
    public IReadOnlyList<NameAddress> Routes => ParseAddressList(HeaderNames.Route);

    /// <summary>Content-Type, or null.</summary>
    public string? ContentType => Headers.GetFirst(HeaderNames.ContentType)?.Trim();

    /// <summary>
    /// Checks every typed header and the mandatory ones; returns the first problem found. Never throws: a
    /// malformed typed header is reported as its <see cref="SipParseError"/>.
    /// </summary>
    public virtual SipParseError Validate()
    {
        try
        {
            return ValidateHeaders();
        }
        catch (SipParseException e)
        {
            return e.Error;
        }
    }

    private SipParseError ValidateHeaders()
    {
        // RFC 3261 §7.3.1 allows repeating only comma-list headers; multi01 repeats the single-valued ones and
        // mcl01 repeats Content-Length (RFC 4475 §3.3.8/9): both are answered 400.
        foreach (var single in (ReadOnlySpan<string>)[HeaderNames.From, HeaderNames.To, HeaderNames.CallId, HeaderNames.CSeq, HeaderNames.MaxForwards, HeaderNames.ContentLength])
        {
            if (Headers.CountOf(single) > 1) return SipParseError.DuplicateHeader;
        }
        // RFC 3261 §8.1.1. Max-Forwards is not required: RFC 2543 peers omit it and must still be served (inv2543,
        // RFC 4475 §3.4.1).
        if (!Headers.Contains(HeaderNames.Via) || !Headers.Contains(HeaderNames.From) || !Headers.Contains(HeaderNames.To) ||
            CallId is not { Length: > 0 } || !Headers.Contains(HeaderNames.CSeq))
        {
            return SipParseError.MissingRequiredHeader;
        }
        _ = Vias;
        _ = From;
        _ = To;
        _ = CSeq;
        _ = MaxForwards;
        _ = Contacts;
        _ = RecordRoutes;
        _ = Routes;
        foreach (var numeric in (ReadOnlySpan<string>)[HeaderNames.Expires, HeaderNames.MinExpires])
        {
            // delta-seconds = 1*DIGIT. Overlarge values are legal syntax; RFC 4475 §3.1.2.4 lets the user of the
            // value clamp them, so only the digits are checked here.
            if (Headers.GetFirst(numeric) is { } raw && !IsDigits(raw.AsSpan().Trim(" \t"))) return SipParseError.InvalidNumericHeader;
        }
        // Last on purpose: see SipParseError.InvalidDate.
        if (Headers.GetFirst(HeaderNames.Date) is { } date && !SipDate.TryParse(date, out _)) return SipParseError.InvalidDate;
        return SipParseError.None;
    }

    private static bool IsDigits(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');

    /// <summary>Serialises the message with a Content-Length that matches <see cref="Body"/>.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        var sb = new StringBuilder(512);
        sb.Append(StartLine).Append("\r\n");
        foreach (var h in Headers)
        {
            if (string.Equals(h.Name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)) continue;
            sb.Append(h.Name).Append(": ").Append(h.Value).Append("\r\n");
        }
        // RFC 3261 §20.14: mandatory over stream transports; we always send it so UDP peers can check too.
        sb.Append(HeaderNames.ContentLength).Append(": ").Append(Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var count = Encoding.UTF8.GetByteCount(sb.ToString());
        var span = writer.GetSpan(count + Body.Length);
        Encoding.UTF8.GetBytes(sb.ToString(), span);
        Body.Span.CopyTo(span[count..]);
        writer.Advance(count + Body.Length);
    }

    /// <summary>Serialises into a new array.</summary>
    public byte[] ToBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(ToBytes());

    private void Refresh()
    {
        if (_cachedVersion == Headers.Version) return;
        _cachedVersion = Headers.Version;
        _vias = null;
        _from = null;
        _to = null;
        _cseq = null;
    }

    private List<SipViaHeader> ParseVias()
    {
        var values = Headers.GetValues(HeaderNames.Via) ?? throw new SipParseException(SipParseError.InvalidVia);
        var list = new List<SipViaHeader>(values.Count);
        foreach (var v in values)
        {
            list.Add(SipViaHeader.TryParse(v, out var via) ? via : throw new SipParseException(SipParseError.InvalidVia, v));
        }
        return list;
    }

    private NameAddress? ParseAddress(string name, SipParseError error)
    {
        var raw = Headers.GetFirst(name);
        if (raw is null) return null;
        return NameAddress.TryParse(raw, out var a) ? a : throw new SipParseException(error, raw);
    }

    private List<NameAddress> ParseAddressList(string name)
    {
        var list = new List<NameAddress>();
        foreach (var row in Headers.GetRows(name))
        {
            if (!NameAddress.TryParseList(row, out var part)) throw new SipParseException(SipParseError.InvalidAddress, row);
            list.AddRange(part);
        }
        return list;
    }
}
