using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>A transaction layer wired to a manual clock, a recording sender and a recording TU.</summary>
internal sealed class TransactionHarness
{
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.10"), 5060);
    public static readonly IPEndPoint Local = new(IPAddress.Parse("198.51.100.1"), 5060);

    private readonly long _start;

    public TransactionHarness(SipTimerOptions? timers = null)
    {
        _start = Time.GetTimestamp();
        Sender = new RecordingSender(Time);
        Layer = new SipTransactionLayer(Sender, User, Time, timers ?? SipTimerOptions.Default, NullLogger.Instance);
    }

    public ManualTimeProvider Time { get; } = new();

    public RecordingSender Sender { get; }

    public RecordingTransactionUser User { get; } = new();

    public SipTransactionLayer Layer { get; }

    public SipTimerOptions Timers => Layer.Timers;

    /// <summary>Virtual time since the harness was created.</summary>
    public TimeSpan Now => Time.GetElapsedTime(_start);

    /// <summary>Moves the clock to an absolute virtual instant, firing timers on the way.</summary>
    public void AdvanceTo(TimeSpan instant) => Time.Advance(instant - Now);

    public void AdvanceTo(double seconds) => AdvanceTo(TimeSpan.FromSeconds(seconds));

    /// <summary>Moves the clock to one tick before <paramref name="instant"/>: the last moment a timer due then has not fired.</summary>
    public void AdvanceToJustBefore(TimeSpan instant) => AdvanceTo(instant - TimeSpan.FromTicks(1));

    public SipInboundMessage Receive(SipMessage message, SipTransportKind transport)
    {
        var inbound = new SipInboundMessage(message, transport, Peer, Local, null);
        Layer.OnInbound(inbound);
        return inbound;
    }

    public ClientTransaction StartClient(SipRequest request, SipTransportKind transport, List<SipResponse>? provisionals = null, List<SipResponse>? retransmitted2xx = null) =>
        Layer.StartClient(request, new SipDestination(transport, Peer), provisionals is null ? null : provisionals.Add, retransmitted2xx is null ? null : retransmitted2xx.Add);

    /// <summary>Everything ended: no transaction left in the layer and no timer left armed.</summary>
    public void AssertDrained()
    {
        Assert.Equal(0, Layer.ClientCount);
        Assert.Equal(0, Layer.ServerCount);
        Assert.Equal(0, Time.ActiveTimerCount);
    }

    public static TimeSpan[] Seconds(params double[] values) => values.Select(TimeSpan.FromSeconds).ToArray();
}
