namespace PhoneAgent.Pipeline.Audio;

/// <summary>What the pipeline may ask of the call that carries it, without knowing how calls are signalled.</summary>
public interface ICallControl
{
    /// <summary>Who called (a display name or URI, for logs and agent context).</summary>
    string Caller { get; }

    /// <summary>Who was called.</summary>
    string Callee { get; }

    /// <summary>Ends the call.</summary>
    Task HangupAsync(CancellationToken cancellationToken);

    /// <summary>Hands the caller to <paramref name="target"/> (a blind transfer); false when the transfer was refused or failed.</summary>
    Task<bool> TransferAsync(string target, CancellationToken cancellationToken);
}
