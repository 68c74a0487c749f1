namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Why an SDP body was rejected. A SIP user agent answers an INVITE whose body cannot be parsed with
/// <c>400 Bad Request</c>; the reason is for logs and metrics.
/// </summary>
public enum SdpParseErrorReason
{
    /// <summary>No error: the value an <see cref="SdpParseError"/> carries after a successful parse.</summary>
    None,

    /// <summary>The body holds no lines at all.</summary>
    Empty,

    /// <summary>The body is larger than any real session description (see <see cref="SdpParseError.MaximumBodySize"/>).</summary>
    TooLarge,

    /// <summary>A line is not of the form <c>&lt;letter&gt;=&lt;value&gt;</c>.</summary>
    MalformedLine,

    /// <summary>The first line is not <c>v=</c> (RFC 4566 §5).</summary>
    MissingVersion,

    /// <summary>The <c>v=</c> value is not 0 (RFC 4566 §5.1).</summary>
    UnsupportedVersion,

    /// <summary>A field that may appear only once at its level appears again.</summary>
    DuplicateField,

    /// <summary>There is no <c>o=</c> line (RFC 4566 §5.2).</summary>
    MissingOrigin,

    /// <summary>The <c>o=</c> line does not have its six fields or its version is not a number.</summary>
    InvalidOrigin,

    /// <summary>A <c>c=</c> line does not have three fields or has a bad <c>/ttl</c> or <c>/count</c>.</summary>
    InvalidConnection,

    /// <summary>A <c>b=</c> line is not <c>&lt;type&gt;:&lt;number&gt;</c>.</summary>
    InvalidBandwidth,

    /// <summary>A <c>t=</c> line is not two numbers.</summary>
    InvalidTiming,

    /// <summary>An <c>m=</c> line lacks its media, port or protocol field, or has a bad <c>/count</c>.</summary>
    InvalidMedia,

    /// <summary>An <c>m=</c> port is not a number from 0 to 65535.</summary>
    InvalidPort,

    /// <summary>An <c>a=</c> line has no attribute name.</summary>
    InvalidAttribute,
}
