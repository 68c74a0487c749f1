using System.Diagnostics.Metrics;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Host.Metrics;

/// <summary>
/// The "PhoneAgent" meter and its instruments. Names are already in Prometheus form so <c>/metrics</c> and an
/// OTLP backend show the same names. One instance per host (a singleton); it owns the meter.
/// </summary>
public sealed class PhoneAgentMetrics : IDisposable
{
    /// <summary>The meter name, for listeners and the OpenTelemetry SDK.</summary>
    public const string MeterName = "PhoneAgent";

    private static readonly double[] LatencyBounds = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10];
    private static readonly double[] JitterBounds = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2];

    /// <summary>Creates the meter and its instruments.</summary>
    public PhoneAgentMetrics()
    {
        Meter = new Meter(MeterName);
        ActiveCalls = Meter.CreateUpDownCounter<long>("phoneagent_active_calls", description: "Calls in progress (ringing or answered).");
        Calls = Meter.CreateCounter<long>("phoneagent_calls_total", description: "Calls ended, by end cause (RemoteHangup, LocalHangup, Cancelled, NoAck, TransportFailure, MediaTimeout, Shutdown, Transferred).");
        RtpPacketsLost = Meter.CreateCounter<long>("phoneagent_rtp_packets_lost_total", description: "Caller voice frames never played because no RTP packet arrived in time, summed at the end of each call.");
        RtpJitter = Meter.CreateHistogram("phoneagent_rtp_jitter_seconds", unit: "s", description: "RFC 3550 interarrival jitter of the caller's RTP at the end of each call.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JitterBounds });
        TurnLatency = Meter.CreateHistogram("phoneagent_turn_latency_seconds", unit: "s", description: "Latency of each conversational turn, by stage (stt, agent, tts, total).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });
        BargeIns = Meter.CreateCounter<long>("phoneagent_bargeins_total", description: "Bot utterances the caller interrupted.");
    }

    /// <summary>The meter; other host components may add observable instruments to it.</summary>
    public Meter Meter { get; }

    /// <summary><c>phoneagent_active_calls</c>: +1 when a call reaches the handler, -1 when it ends.</summary>
    public UpDownCounter<long> ActiveCalls { get; }

    /// <summary><c>phoneagent_calls_total{cause}</c>.</summary>
    public Counter<long> Calls { get; }

    /// <summary><c>phoneagent_rtp_packets_lost_total</c>.</summary>
    public Counter<long> RtpPacketsLost { get; }

    /// <summary><c>phoneagent_rtp_jitter_seconds</c>.</summary>
    public Histogram<double> RtpJitter { get; }

    /// <summary><c>phoneagent_turn_latency_seconds{stage}</c>; stages are <see cref="TurnLatencyStage"/>.</summary>
    public Histogram<double> TurnLatency { get; }

    /// <summary><c>phoneagent_bargeins_total</c>.</summary>
    public Counter<long> BargeIns { get; }

    /// <summary>Counts an ended call by its cause.</summary>
    public void RecordCallEnded(CallEndCause cause) => Calls.Add(1, new KeyValuePair<string, object?>("cause", cause.ToString()));

    /// <summary>Adds a finished call's media quality (the media handler calls this when its session ends).</summary>
    public void RecordMediaStatistics(MediaSessionStatistics statistics)
    {
        RtpPacketsLost.Add(statistics.Lost);
        if (statistics.PacketsReceived > 0) RtpJitter.Record(statistics.JitterMilliseconds / 1000);
    }

    /// <summary>Records one turn's stage latencies (seconds, keyed by <see cref="TurnLatencyStage"/>) and whether the caller barged in.</summary>
    public void RecordTurn(IReadOnlyDictionary<string, double> latencySeconds, bool interrupted)
    {
        foreach (var (stage, seconds) in latencySeconds) TurnLatency.Record(seconds, new KeyValuePair<string, object?>("stage", stage));
        if (interrupted) BargeIns.Add(1);
    }

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();
}
