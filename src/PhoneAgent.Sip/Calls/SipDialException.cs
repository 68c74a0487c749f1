namespace PhoneAgent.Sip.Calls;

/// <summary>Thrown by <see cref="SipUserAgent.DialAsync"/> when the call was not established.</summary>
public sealed class SipDialException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> is what an operator should read.</summary>
    public SipDialException(DialFailure failure, string message, int? statusCode = null, string? reasonPhrase = null, Exception? inner = null)
        : base(message, inner)
    {
        Failure = failure;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>What went wrong.</summary>
    public DialFailure Failure { get; }

    /// <summary>The final status code received (e.g. 486), or null when none came.</summary>
    public int? StatusCode { get; }

    /// <summary>The final response's reason phrase (e.g. "Busy Here"), or null.</summary>
    public string? ReasonPhrase { get; }
}
