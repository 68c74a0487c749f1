namespace PhoneAgent.Sip.Parsing;

/// <summary>Reason phrases for 400 responses, one per <see cref="SipParseError"/>.</summary>
public static class SipParseErrorExtensions
{
    /// <summary>A short human-readable phrase suitable as the reason phrase of a 400 response.</summary>
    public static string ToReasonPhrase(this SipParseError error) => error switch
    {
        SipParseError.None => "OK",
        SipParseError.InvalidStartLine => "Bad Request Line",
        SipParseError.UnsupportedVersion => "Version Not Supported",
        SipParseError.InvalidMethod => "Bad Method",
        SipParseError.InvalidRequestUri => "Bad Request-URI",
        SipParseError.InvalidStatusCode => "Bad Status Code",
        SipParseError.InvalidHeaderLine => "Bad Header Line",
        SipParseError.UnterminatedHeaders => "Unterminated Header Block",
        SipParseError.MissingRequiredHeader => "Missing Mandatory Header",
        SipParseError.DuplicateHeader => "Duplicate Single-Valued Header",
        SipParseError.InvalidVia => "Bad Via",
        SipParseError.InvalidFromOrTo => "Bad From or To",
        SipParseError.InvalidAddress => "Bad Contact or Route",
        SipParseError.InvalidCSeq => "Bad CSeq",
        SipParseError.CSeqMethodMismatch => "CSeq Method Mismatch",
        SipParseError.InvalidMaxForwards => "Bad Max-Forwards",
        SipParseError.InvalidContentLength => "Bad Content-Length",
        SipParseError.BodyShorterThanContentLength => "Body Shorter Than Content-Length",
        SipParseError.InvalidNumericHeader => "Bad Numeric Header",
        SipParseError.MessageTooLarge => "Message Too Large",
        SipParseError.Empty => "Empty Message",
        SipParseError.InvalidDate => "Bad Date",
        _ => "Bad Request",
    };
}
