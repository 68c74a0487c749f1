namespace PhoneAgent.Sip.Parsing;

/// <summary>Thrown by the non-Try parsing entry points; carries the same reason enum as the Try APIs.</summary>
public sealed class SipParseException(SipParseError error, string? detail = null)
    : Exception(detail is null ? error.ToReasonPhrase() : $"{error.ToReasonPhrase()}: {detail}")
{
    /// <summary>Why the input was rejected.</summary>
    public SipParseError Error { get; } = error;
}
