using System.Diagnostics.Metrics;

namespace PhoneAgent.Host.Metrics;

/// <summary>
/// Observable instruments over the user agent's transport counters. The SIP library counts the responses its
/// transport layer sends on its own (400 to malformed requests, 503 when the inbound queue is full); responses
/// sent by transactions and calls have no counter or event there yet, so <c>phoneagent_sip_responses_sent_total</c>
/// covers those two codes only.
/// </summary>
public sealed class SipTransportMetrics
{
    /// <summary>Registers the instruments on <paramref name="metrics"/>' meter, reading <paramref name="sip"/> at each collection.</summary>
    public SipTransportMetrics(PhoneAgentMetrics metrics, SipService sip)
    {
        metrics.Meter.CreateObservableCounter("phoneagent_sip_messages_received_total", () => sip.Agent?.Transport.Counters.Received ?? 0,
            description: "SIP messages that parsed and validated.");
        metrics.Meter.CreateObservableCounter("phoneagent_sip_responses_sent_total", () => Responses(sip),
            description: "SIP responses sent by status code, for the codes the transport counts (400 malformed request, 503 inbound queue full).");
        metrics.Meter.CreateObservableCounter("phoneagent_sip_messages_dropped_total", () => Dropped(sip),
            description: "SIP input dropped, by reason.");
    }

    private static IEnumerable<Measurement<long>> Responses(SipService sip)
    {
        if (sip.Agent is not { } agent) yield break;
        yield return new(agent.Transport.Counters.BadRequestsAnswered, new KeyValuePair<string, object?>("code", "400"));
        yield return new(agent.Transport.Counters.QueueFullRejected, new KeyValuePair<string, object?>("code", "503"));
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
