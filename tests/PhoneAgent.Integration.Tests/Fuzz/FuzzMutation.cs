namespace PhoneAgent.Integration.Tests.Fuzz;

/// <summary>How a fuzz datagram was made; reported with each datagram so a crash can be traced back.</summary>
public enum FuzzMutation
{
    /// <summary>Random bytes, no SIP at all.</summary>
    RandomBytes,

    /// <summary>A well-formed message, unchanged: the baseline every parser must take.</summary>
    Valid,

    /// <summary>A well-formed message using compact header names (RFC 3261 7.3.3): still valid.</summary>
    CompactHeaders,

    /// <summary>Random bits flipped anywhere in a message.</summary>
    BitFlips,

    /// <summary>A message cut short at a random point.</summary>
    Truncated,

    /// <summary>Extra CRLFs, e.g. an empty line inside the header block.</summary>
    DuplicatedCrlf,

    /// <summary>A CRLF removed, gluing two lines together.</summary>
    RemovedCrlf,

    /// <summary>Bare LF line ends instead of CRLF.</summary>
    BareLineFeeds,

    /// <summary>One header value tens of kilobytes long.</summary>
    HugeHeader,

    /// <summary>A Request-URI or reason phrase tens of kilobytes long.</summary>
    VeryLongLine,

    /// <summary>Thousands of headers.</summary>
    ManyHeaders,

    /// <summary>Content-Length below zero.</summary>
    NegativeContentLength,

    /// <summary>Content-Length far beyond the datagram (and beyond int range).</summary>
    HugeContentLength,

    /// <summary>Content-Length that is not a number.</summary>
    NonNumericContentLength,

    /// <summary>Two Content-Length headers that disagree.</summary>
    ConflictingContentLength,

    /// <summary>No Via header.</summary>
    MissingVia,

    /// <summary>No CSeq header.</summary>
    MissingCSeq,

    /// <summary>No Call-ID header.</summary>
    MissingCallId,

    /// <summary>No From or no To header.</summary>
    MissingFromOrTo,

    /// <summary>CSeq with a bad number or a method that differs from the request line.</summary>
    BadCSeq,

    /// <summary>A Via without host, with a bad port or a branch lacking the magic cookie.</summary>
    BadVia,

    /// <summary>A malformed start line: bad version, unknown method, bad status code.</summary>
    BadStartLine,

    /// <summary>A header line without a colon, or an obsolete folded continuation line.</summary>
    BadHeaderLine,

    /// <summary>Invalid UTF-8 sequences inside header values.</summary>
    InvalidUtf8,

    /// <summary>NUL bytes inside the message.</summary>
    EmbeddedNul,

    /// <summary>Two messages in one datagram.</summary>
    TwoMessages,

    /// <summary>An empty datagram or a CRLF keep-alive (RFC 5626 4.4.1).</summary>
    KeepAlive,
}
