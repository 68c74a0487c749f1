using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Dialogs;

/// <summary>
/// Dialog state (RFC 3261 §12): identifiers, sequence numbers, the route set and the remote target, and the
/// flow the dialog's requests travel on. It builds in-dialog requests (§12.2.1.1) and checks the remote
/// CSeq order (§12.2.2). Not thread-safe: the owning call serialises access.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(SipDialogId id, NameAddress localUri, NameAddress remoteUri, SipUri remoteTarget, IReadOnlyList<NameAddress> routeSet, SipDestination flow)
    {
        Id = id;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        Flow = flow;
    }

    /// <summary>Call-ID and tags.</summary>
    public SipDialogId Id { get; }

    /// <summary>Our address of record with our tag (the From of our requests).</summary>
    public NameAddress LocalUri { get; }

    /// <summary>The peer's address with its tag (the To of our requests).</summary>
    public NameAddress RemoteUri { get; }

    /// <summary>The peer's Contact; replaced by target-refresh requests (§12.2.2).</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>Route set from Record-Route (§12.1.1: in order for the UAS; §12.1.2: reversed for the UAC).</summary>
    public IReadOnlyList<NameAddress> RouteSet { get; }

    /// <summary>The flow the dialog was created on; reused for our requests when it is a stream still open.</summary>
    public SipDestination Flow { get; private set; }

    /// <summary>Our CSeq counter.</summary>
    public long LocalSequence { get; private set; }

    /// <summary>The highest CSeq seen from the peer, or null before the first in-dialog request.</summary>
    public long? RemoteSequence { get; private set; }

    /// <summary>Creates the UAS side of a dialog from an INVITE (RFC 3261 §12.1.1).</summary>
    public static SipDialog CreateAsUas(SipInboundMessage invite, string localTag)
    {
        var request = (SipRequest)invite.Message;
        var contact = request.Contacts.FirstOrDefault()?.Uri ?? request.From!.Uri;
        var dialog = new SipDialog(
            new SipDialogId(request.CallId!, localTag, request.From!.Tag ?? string.Empty),
            request.To!.WithParameter("tag", localTag),
            request.From!,
            contact,
            request.RecordRoutes.ToArray(),
            invite.Source)
        {
            RemoteSequence = request.CSeq!.Number,
            // §12.1.1: the local sequence number starts empty; any random start below 2**31 is fine for our first request.
            LocalSequence = Random.Shared.Next(1, 1 << 20),
        };
        return dialog;
    }

    /// <summary>
    /// Creates the UAC side of a dialog from our INVITE and the 2xx that answered it (RFC 3261 §12.1.2): the
    /// route set is the Record-Route rows in reverse, the remote target the response's Contact, and our
    /// sequence number the INVITE's.
    /// </summary>
    /// <param name="invite">The INVITE as sent (its CSeq is the one the 2xx answers).</param>
    /// <param name="response">The dialog-creating response.</param>
    /// <param name="flow">Where the INVITE went; our in-dialog requests reuse it while it is an open stream.</param>
    public static SipDialog CreateAsUac(SipRequest invite, SipResponse response, SipDestination flow)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        var remote = response.To!;
        var contact = response.Contacts.FirstOrDefault()?.Uri ?? invite.RequestUri;
        return new SipDialog(
            new SipDialogId(invite.CallId!, invite.From!.Tag ?? string.Empty, remote.Tag ?? string.Empty),
            invite.From!,
            remote,
            contact,
            response.RecordRoutes.Reverse().ToArray(),
            flow)
        {
            LocalSequence = invite.CSeq!.Number,
        };
    }

    /// <summary>
    /// §12.2.2: a request with a lower CSeq than the last one is out of order (answer 500); otherwise the
    /// remote sequence advances. ACK and CANCEL reuse the INVITE's number and are not checked.
    /// </summary>
    public bool TryAcceptRemoteSequence(SipRequest request)
    {
        if (request.Method is SipMethods.Ack or SipMethods.Cancel) return true;
        var n = request.CSeq!.Number;
        if (RemoteSequence is { } last && n <= last) return false;
        RemoteSequence = n;
        return true;
    }

    /// <summary>Applies a target refresh (re-INVITE/UPDATE Contact, §12.2.2) and the flow it came on.</summary>
    public void Refresh(SipInboundMessage request)
    {
        if (((SipRequest)request.Message).Contacts.FirstOrDefault() is { } contact) RemoteTarget = contact.Uri;
        if (request.Transport == Flow.Transport) Flow = request.Source;
    }

    /// <summary>
    /// Builds an in-dialog request (§12.2.1.1): Request-URI is the remote target (loose routing, with the
    /// route set as Route headers), From/To with tags, the dialog Call-ID and the next local CSeq.
    /// The Via is added by the caller, which knows the transport.
    /// </summary>
    public SipRequest CreateRequest(string method) => Build(method, ++LocalSequence);

    /// <summary>
    /// The ACK for a 2xx to our INVITE (RFC 3261 §13.2.2.4): built like any in-dialog request, but with the
    /// INVITE's CSeq number and without advancing ours.
    /// </summary>
    public SipRequest CreateAck(long inviteSequence) => Build(SipMethods.Ack, inviteSequence);

    private SipRequest Build(string method, long sequence)
    {
        SipUri requestUri = RemoteTarget;
        var routes = RouteSet.ToList();
        // §12.2.1.1: a strict router (first route without ;lr) takes the Request-URI; the target goes last.
        if (routes.Count > 0 && !routes[0].Uri.IsLooseRouter)
        {
            requestUri = routes[0].Uri;
            routes.RemoveAt(0);
            routes.Add(new NameAddress(RemoteTarget));
        }
        var request = new SipRequest(method, requestUri);
        foreach (var r in routes) request.Headers.Add(HeaderNames.Route, r.ToString());
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, LocalUri.ToString());
        request.Headers.Add(HeaderNames.To, RemoteUri.ToString());
        request.Headers.Add(HeaderNames.CallId, Id.CallId);
        request.Headers.Add(HeaderNames.CSeq, new CSeqHeader(sequence, method).ToString());
        return request;
    }

    /// <summary>
    /// The URI our next in-dialog request is sent to: the first route if any (§12.2.1.1, §8.1.2), else the
    /// remote target.
    /// </summary>
    public SipUri NextHop => RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;
}
