using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Sdp;
using PhoneAgent.Sip.Transactions;

namespace PhoneAgent.Sip.Calls;

/// <summary>How the UA answers: our tag, Server, Contact and Record-Route where dialogs form, capabilities.</summary>
internal sealed class UaResponses(SipUserAgentOptions options, LocalIdentity identity)
{
    /// <summary>Methods we implement, for Allow (RFC 3261 §20.5).</summary>
    public const string AllowedMethods = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE";

    // RFC 3261 §8.2.1: 405 for methods we recognise but do not allow, 501 for the rest.
    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "MESSAGE", "REFER",
    };

    /// <summary>RFC 3261 §20.43 warn-code 305 "Incompatible media format", naming what failed.</summary>
    public string IncompatibleMediaWarning(SdpNegotiationFailure failure) => $"305 {options.Product} \"{failure}\"";

    /// <summary>
    /// A response with our tag and, for dialog-creating responses to INVITE, a Contact and the Record-Route
    /// rows copied (RFC 3261 §12.1.1).
    /// </summary>
    public SipResponse Create(ServerTransaction tx, int code, string localTag, string? reason = null)
    {
        var response = tx.CreateResponse(code, reason, localTag);
        response.Headers.Add(HeaderNames.Server, options.Product);
        var formsDialog = tx.Request.Method == SipMethods.Invite && code is > 100 and < 300;
        // RFC 3261 §12.1.1: responses that create a dialog echo Record-Route and give our Contact; RFC 3311 §5.2:
        // UPDATE is a target refresh, so its 2xx carries our Contact too.
        if (formsDialog) response.Headers.CopyFrom(tx.Request.Headers, HeaderNames.RecordRoute);
        if (formsDialog || (tx.Request.Method == SipMethods.Update && code is >= 200 and < 300))
        {
            response.Headers.Add(HeaderNames.Contact, $"<{identity.ContactUri(tx.Inbound.Transport, tx.Inbound.Local)}>");
        }
        if (code is 405 or 501) response.Headers.Add(HeaderNames.Allow, AllowedMethods);
        return response;
    }

    /// <summary>Allow, Accept and Supported (RFC 3261 §11.2 lists them for OPTIONS; §13.3.1.4 for 2xx to INVITE).</summary>
    public void AddCapabilities(SipResponse response)
    {
        response.Headers.Add(HeaderNames.Allow, AllowedMethods);
        response.Headers.Add(HeaderNames.Accept, "application/sdp");
        response.Headers.Add("Accept-Encoding", "identity");
        response.Headers.Add("Accept-Language", "en");
        // We implement no option tags; an empty Supported says so explicitly (RFC 3261 §20.37 allows it).
        response.Headers.Add(HeaderNames.Supported, string.Empty);
    }

    /// <summary>RFC 3261 §8.2.1: 405 with Allow for a method we know but do not take, 501 for an unknown one.</summary>
    public void RespondUnsupportedMethod(ServerTransaction tx)
    {
        var code = KnownMethods.Contains(tx.Request.Method) || tx.Request.Method == SipMethods.Invite ? 405 : 501;
        tx.SendResponse(Create(tx, code, SipIds.NewTag()));
    }
}
