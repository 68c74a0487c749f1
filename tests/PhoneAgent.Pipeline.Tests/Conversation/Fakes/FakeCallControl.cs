using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>Records hang-ups and transfers, and the port's playback position at the moment of each.</summary>
public sealed class FakeCallControl(FakeAudioPort port, Signal signal) : ICallControl
{
    public string Caller => "sip:alice@127.0.0.1";

    public string Callee => "sip:bot@127.0.0.1";

    public long? HungUpAtPosition { get; private set; }

    public List<string> Transfers { get; } = [];

    public bool TransferSucceeds { get; set; }

    public Task HangupAsync(CancellationToken cancellationToken)
    {
        HungUpAtPosition = port.PlaybackPosition;
        signal.Pulse();
        return Task.CompletedTask;
    }

    public Task<bool> TransferAsync(string target, CancellationToken cancellationToken)
    {
        Transfers.Add(target);
        signal.Pulse();
        return Task.FromResult(TransferSucceeds);
    }
}
