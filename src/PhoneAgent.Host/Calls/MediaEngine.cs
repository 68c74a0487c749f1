using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Host.Calls;

/// <summary>
/// The media clock and the RTP receive threads that every call of the host shares. A session with a clock and a
/// receiver of its own ticks on a thread-pool timer, where its packets waited behind the conversation's work (speech
/// recognition results, synthesis, agent streams) and left 5-15 ms late; the shared clock's lanes are dedicated
/// threads that only run media ticks (docs/PERFORMANCE.md, "How the engine runs many calls").
/// </summary>
/// <remarks>One per host (a singleton); disposing it stops the clock and the receive threads.</remarks>
public sealed class MediaEngine : IDisposable
{
    /// <summary>Starts the clock lanes and receive threads <paramref name="settings"/> ask for.</summary>
    public MediaEngine(TimeProvider time, MediaSettings settings, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<MediaEngine>();
        Clock = new MediaClock(time, settings.ClockThreads, logger, settings.RealtimePriority);
        try
        {
            Receiver = new DatagramReceiver(settings.ReceiveThreads, logger, settings.RealtimePriority);
        }
        catch
        {
            Clock.Dispose();
            throw;
        }

        logger.LogInformation("Media engine: {Lanes} clock lane(s), {Receivers} receive thread(s)", Clock.LaneCount, Receiver.ThreadCount);
    }

    /// <summary>The clock every session ticks on.</summary>
    public MediaClock Clock { get; }

    /// <summary>The receive threads every session's sockets are read on.</summary>
    public DatagramReceiver Receiver { get; }

    /// <summary>Creates a stopped session for a call's negotiated media on the shared clock and receive threads.</summary>
    public RtpMediaSession CreateSession(RtpPortLease ports, CallMedia media, RtpMediaSessionOptions options, ILogger logger) =>
        new(ports, media, Clock, Receiver, options, logger);

    /// <inheritdoc />
    public void Dispose()
    {
        Clock.Dispose();
        Receiver.Dispose();
    }
}
