using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>
/// Matches inbound messages to transactions (RFC 3261 §17.1.3, §17.2.3), creates server transactions for
/// new requests and client transactions for the TU's requests, and removes them when they terminate.
/// </summary>
public sealed class SipTransactionLayer
{
    private readonly ConcurrentDictionary<string, ServerTransaction> _server = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _client = new(StringComparer.Ordinal);
    private readonly ISipTransactionUser _user;
    private readonly TransactionContext _context;

    /// <summary>Creates the layer over a sender (the transport layer in production, a recorder in tests).</summary>
    public SipTransactionLayer(ISipMessageSender sender, ISipTransactionUser user, TimeProvider timeProvider, SipTimerOptions timers, ILogger logger)
    {
        _user = user;
        _context = new TransactionContext(sender, timeProvider, timers, logger, Remove);
    }

    /// <summary>Live server transactions.</summary>
    public int ServerCount => _server.Count;

    /// <summary>Live client transactions.</summary>
    public int ClientCount => _client.Count;

    /// <summary>The timer values in use.</summary>
    public SipTimerOptions Timers => _context.Timers;

    /// <summary>Routes one validated inbound message. Never throws for message content.</summary>
    public void OnInbound(SipInboundMessage inbound)
    {
        switch (inbound.Message)
        {
            case SipRequest request:
                OnRequest(inbound, request);
                break;
            case SipResponse response:
                // §17.1.3: branch of the top Via plus the CSeq method identify the client transaction.
                if (_client.TryGetValue(ClientKey(response.TopVia!.Branch ?? string.Empty, response.CSeq!.Method), out var tx)) tx.OnResponse(response);
                else _user.OnStrayResponse(inbound);
                break;
        }
    }

    private void OnRequest(SipInboundMessage inbound, SipRequest request)
    {
        var key = ServerKey(request);
        if (request.Method == SipMethods.Ack)
        {
            // An ACK with the INVITE's branch acknowledges a non-2xx inside the transaction; an ACK for a
            // 2xx carries a new branch (§17.1.1.3) and goes straight to the TU.
            if (_server.TryGetValue(key, out var st) && st is ServerInviteTransaction invite)
            {
                if (invite.OnAck()) _user.OnAck(inbound);
            }
            else
            {
                _user.OnAck(inbound);
            }
            return;
        }
        if (_server.TryGetValue(key, out var existing))
        {
            existing.OnRetransmission();
            return;
        }
        ServerTransaction created = request.Method == SipMethods.Invite
            ? new ServerInviteTransaction(key, inbound, _context, _user.OnNoAck, _user.OnTransportFailure)
            : new ServerNonInviteTransaction(key, inbound, _context);
        if (!_server.TryAdd(key, created))
        {
            // Lost a race with a retransmission handled on another path; that one owns the request.
            return;
        }
        // §17.2.1: a 100 Trying stops the client's INVITE retransmissions (Timer A) at once.
        if (created is ServerInviteTransaction) created.SendResponse(created.CreateResponse(100));
        _user.OnRequest(created);
    }

    /// <summary>The INVITE server transaction a CANCEL refers to (RFC 3261 §9.2: same key but the method).</summary>
    public ServerInviteTransaction? FindInviteFor(SipRequest cancel) =>
        _server.TryGetValue(ServerKey(cancel, SipMethods.Invite), out var tx) ? tx as ServerInviteTransaction : null;

    /// <summary>Starts a client transaction; the request must carry a Via with a fresh branch.</summary>
    public ClientTransaction StartClient(SipRequest request, SipDestination destination, Action<SipResponse>? provisional = null, Action<SipResponse>? retransmitted2xx = null)
    {
        var key = ClientKey(request.TopVia!.Branch!, request.Method);
        ClientTransaction tx = request.Method == SipMethods.Invite
            ? new ClientInviteTransaction(key, request, destination, _context, provisional, retransmitted2xx)
            : new ClientNonInviteTransaction(key, request, destination, _context, provisional);
        if (!_client.TryAdd(key, tx)) throw new InvalidOperationException($"Duplicate client transaction {key}");
        tx.Start();
        return tx;
    }

    private void Remove(SipTransaction tx)
    {
        if (tx is ServerTransaction s) _server.TryRemove(new KeyValuePair<string, ServerTransaction>(s.Key, s));
        else if (tx is ClientTransaction c) _client.TryRemove(new KeyValuePair<string, ClientTransaction>(c.Key, c));
    }

    private static string ClientKey(string branch, string method) => $"{branch}|{method}";

    /// <summary>
    /// §17.2.3: with a magic-cookie branch, branch + sent-by + method (ACK matches INVITE); otherwise the
    /// RFC 2543 fallback of Call-ID, CSeq number, From tag and top Via.
    /// </summary>
    private static string ServerKey(SipRequest request, string? methodOverride = null)
    {
        var via = request.TopVia!;
        var method = methodOverride ?? (request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method);
        // Hosts compare case-insensitively (RFC 3261 §19.1.4), so the key uses one case.
        var sentBy = $"{via.Host.ToLowerInvariant()}:{via.Port ?? 0}";
        return via.HasRfc3261Branch
            ? $"{via.Branch}|{sentBy}|{method}"
            : $"2543|{request.CallId}|{request.CSeq!.Number}|{request.From!.Tag}|{sentBy}|{method}";
    }
}
