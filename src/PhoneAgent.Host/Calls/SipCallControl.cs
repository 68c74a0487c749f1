using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Host.Calls;

/// <summary>The pipeline's <see cref="ICallControl"/> over a <see cref="SipCall"/>.</summary>
public sealed class SipCallControl(SipCall call, ILogger logger) : ICallControl
{
    /// <inheritdoc />
    public string Caller => call.Caller.ToString();

    /// <inheritdoc />
    public string Callee => call.Callee.ToString();

    /// <inheritdoc />
    public async Task HangupAsync(CancellationToken cancellationToken) =>
        await call.HangupAsync(CallEndCause.LocalHangup).WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Blind transfer by REFER (RFC 3515); true once the caller's new call succeeded and the bot hung up. The target is a
    /// sip:/sips: URI, user@host, or a bare user or number, which goes to the domain the caller dialled.
    /// </summary>
    public Task<bool> TransferAsync(string target, CancellationToken cancellationToken)
    {
        if (Resolve(target, call.Callee.Uri) is not { } uri)
        {
            logger.LogWarning("Call {CallId}: transfer target '{Target}' is not a SIP URI, user@host or number", call.CallId, target);
            return Task.FromResult(false);
        }
        return call.TransferAsync(uri, cancellationToken: cancellationToken);
    }

    private static SipUri? Resolve(string target, SipUri dialled)
    {
        var text = target.Trim();
        if (text.Length == 0) return null;
        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) text = text[4..];
        if (!text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Contains('@', StringComparison.Ordinal) ? "sip:" + text : $"sip:{text}@{dialled.Host}{(dialled.Port is { } p ? ":" + p : "")}";
        }
        return !text.Any(char.IsWhiteSpace) && SipUri.TryParse(text, out var uri) && uri.IsSip && uri.Host.Length > 0 ? uri : null;
    }
}
