using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>The SIP user agent running in-process on 127.0.0.1 at a free port, for tests against real peers.</summary>
public sealed class BotInstance : IAsyncDisposable
{
    private BotInstance(SipUserAgent agent, RecordingCallHandler handler)
    {
        Agent = agent;
        Handler = handler;
    }

    /// <summary>The running agent.</summary>
    public SipUserAgent Agent { get; }

    /// <summary>What the bot saw.</summary>
    public RecordingCallHandler Handler { get; }

    /// <summary>Where to send SIP.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Agent.Port);

    /// <summary>Starts the agent with short ringing (so tests stay fast) unless <paramref name="configure"/> says otherwise.</summary>
    public static BotInstance Start(RecordingCallHandler? handler = null, Func<SipUserAgentOptions, SipUserAgentOptions>? configure = null)
    {
        var options = new SipUserAgentOptions
        {
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            RingingTime = TimeSpan.FromMilliseconds(200),
            RtpPortMin = 30000,
            RtpPortMax = 39999,
        };
        options = configure?.Invoke(options) ?? options;
        handler ??= new RecordingCallHandler();
        var agent = new SipUserAgent(options, handler, NullLoggerFactory.Instance, TimeProvider.System);
        agent.Start();
        return new BotInstance(agent, handler);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Agent.DisposeAsync();
}
