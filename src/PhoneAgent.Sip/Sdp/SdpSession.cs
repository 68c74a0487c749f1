namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Our side of the SDP offer/answer exchanges of one call. It keeps the <c>o=</c> line stable across the
/// call and bumps its version exactly when a description we send differs from the previous one, as RFC 3264 §8
/// requires of re-offers and of answers to re-INVITEs alike.
/// </summary>
/// <remarks>Not thread-safe: use it from the call's serial event loop.</remarks>
public sealed class SdpSession
{
    private readonly SdpLocalSettings _settings;
    private SdpOrigin _origin;
    private string? _lastSentText;
    private SessionDescription? _pendingOffer;

    /// <summary>Starts a session with a random session id; the first version equals the id, as is customary.</summary>
    /// <param name="settings">Our address, port and codec preferences.</param>
    public SdpSession(SdpLocalSettings settings)
        : this(settings, NewSessionId())
    {
    }

    /// <summary>Starts a session with a chosen session id and initial version.</summary>
    /// <param name="settings">Our address, port and codec preferences.</param>
    /// <param name="sessionId">The <c>o=</c> session id; RFC 4566 §5.2 suggests an NTP timestamp.</param>
    /// <param name="initialVersion">The version of the first description we send.</param>
    public SdpSession(SdpLocalSettings settings, ulong sessionId, ulong initialVersion)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _origin = new SdpOrigin(
            settings.Username,
            sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            initialVersion,
            "IN",
            SdpConnection.AddressTypeOf(settings.Address),
            settings.Address.ToString());
    }

    private SdpSession(SdpLocalSettings settings, ulong sessionId)
        : this(settings, sessionId, sessionId)
    {
    }

    /// <summary>Our settings.</summary>
    public SdpLocalSettings Settings => _settings;

    /// <summary>
    /// The direction we want for the next offer or answer. Set <see cref="SdpDirection.SendOnly"/> before
    /// re-offering to put the peer on hold and <see cref="SdpDirection.SendRecv"/> to resume (RFC 3264 §8.4).
    /// </summary>
    public SdpDirection LocalDirection { get; set; } = SdpDirection.SendRecv;

    /// <summary>The last description we produced (offer or answer), or <see langword="null"/> before the first.</summary>
    public SessionDescription? LocalDescription { get; private set; }

    /// <summary>The <c>o=</c> version the next description carries if it is unchanged.</summary>
    public ulong SessionVersion => _origin.SessionVersion;

    /// <summary>
    /// Builds our offer for an outbound INVITE, a re-INVITE, or a 200 OK to an INVITE without a body. Pass the
    /// peer's answer to <see cref="ProcessAnswer"/>.
    /// </summary>
    /// <returns>The offer; send <see cref="SessionDescription.ToUtf8Bytes"/> as the body.</returns>
    public SessionDescription CreateOffer()
    {
        var offer = Publish(SdpOfferBuilder.Build(_settings, LocalDirection, _origin), out _);
        _pendingOffer = offer;
        return offer;
    }

    /// <summary>
    /// Answers a peer's offer from an INVITE, re-INVITE or UPDATE.
    /// </summary>
    /// <param name="offer">The peer's parsed offer.</param>
    /// <returns>
    /// The agreed stream and our answer, or a failure meaning "respond 488"; a failed answer changes nothing,
    /// so the previous description stays in force.
    /// </returns>
    public SdpNegotiationResult CreateAnswer(SessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (!SdpAnswerBuilder.TryAnswer(offer, _settings, LocalDirection, _origin, out var answer, out var audio, out var failure))
        {
            return SdpNegotiationResult.Failed(failure, offer, remoteAnswer: null);
        }

        answer = Publish(answer, out var bytes);
        return SdpNegotiationResult.LocalAnswer(offer, answer, bytes, audio);
    }

    /// <summary>Reads the peer's answer to the offer made by the last <see cref="CreateOffer"/>.</summary>
    /// <param name="answer">The peer's parsed answer.</param>
    /// <returns>The agreed stream, or why the answer is unusable (the call layer then ends or re-negotiates the call).</returns>
    /// <exception cref="InvalidOperationException">No offer is waiting for an answer.</exception>
    public SdpNegotiationResult ProcessAnswer(SessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var offer = _pendingOffer
            ?? throw new InvalidOperationException("There is no offer of ours waiting for an answer; call CreateOffer first.");
        _pendingOffer = null;
        return SdpAnswerProcessor.Process(offer, answer, _settings);
    }

    /// <summary>
    /// Records a description as sent. RFC 3264 §8: a new description keeps the origin but has a version one
    /// higher than the previous one, unless it is identical to it, in which case the version stays.
    /// </summary>
    private SessionDescription Publish(SessionDescription draft, out byte[] bytes)
    {
        var text = draft.ToString();
        if (_lastSentText is not null && !string.Equals(text, _lastSentText, StringComparison.Ordinal))
        {
            _origin = _origin with { SessionVersion = _origin.SessionVersion + 1 };
            draft = draft.WithOrigin(_origin);
            text = draft.ToString();
        }

        _lastSentText = text;
        LocalDescription = draft;
        bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return draft;
    }

    /// <summary>
    /// A random id below 2^31. Some older stacks store o= numbers in 32-bit fields; starting the version there
    /// leaves two billion re-offers of headroom before it outgrows them.
    /// </summary>
    private static ulong NewSessionId() => (ulong)Random.Shared.NextInt64(1, int.MaxValue);
}
