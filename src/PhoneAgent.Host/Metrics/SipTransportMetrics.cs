using System.Diagnostics.Metrics;

namespace PhoneAgent.Host.Metrics;

/// <summary>
/// Observable instruments over the user agent's transport counters. <c>phoneagent_sip_responses_sent_total</c> counts
/// every response the user agent puts on the wire, by status code, from the transport's send path.
/// </summary>
public sealed class SipTransportMetrics
{
    /// <summary>Registers the instruments on <paramref name="metrics"/>' meter, reading <paramref name="sip"/> at each collection.</summary>
    public SipTransportMetrics(PhoneAgentMetrics metrics, SipService sip)
    {
        metrics.Meter.CreateObservableCounter("phoneagent_sip_messages_received_total", () => sip.Agent?.Transport.Counters.Received ?? 0,
            description: "SIP messages that parsed and validated.");
        metrics.Meter.CreateObservableCounter("phoneagent_sip_responses_sent_total", () => Responses(sip),
            description: "SIP responses sent by status code (retransmissions included).");
        metrics.Meter.CreateObservableCounter("phoneagent_sip_messages_dropped_total", () => Dropped(sip),
            description: "SIP input dropped, by reason.");
    }

    private static IEnumerable<Measurement<long>> Responses(SipService sip)
    {
        if (sip.Agent is not { } agent) yield break;
        foreach (var (code, count) in agent.Transport.Counters.ResponsesSent())
        {
            yield return new(count, new KeyValuePair<string, object?>("code", code.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static IEnumerable<Measurement<long>> Dropped(SipService sip)
    {
        if (sip.Agent is not { } agent) yield break;
        var c = agent.Transport.Counters;
        yield return new(c.UnparseableDropped, new KeyValuePair<string, object?>("reason", "unparseable"));
        yield return new(c.InvalidResponsesDropped, new KeyValuePair<string, object?>("reason", "invalid_response"));
        yield return new(c.QueueFullDropped, new KeyValuePair<string, object?>("reason", "queue_full"));
    }
}
