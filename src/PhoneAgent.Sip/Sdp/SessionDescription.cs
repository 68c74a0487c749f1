using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// A parsed or locally built SDP session description (RFC 4566). Only <c>v=0</c> exists, so the version is not
/// stored. Instances are immutable once built; build a new one to change anything.
/// </summary>
public sealed class SessionDescription
{
    /// <summary>The <c>o=</c> line.</summary>
    public required SdpOrigin Origin { get; init; }

    /// <summary>
    /// The <c>s=</c> value. RFC 4566 §5.3 asks for a single space when there is no meaningful name; trailing
    /// whitespace is trimmed when parsing, so that case reads back as an empty string.
    /// </summary>
    public string SessionName { get; init; } = "-";

    /// <summary>The session-level <c>c=</c> line, the default for media sections that have none.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The session-level <c>b=</c> lines.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>The <c>t=</c> lines; a description without one reads as <c>t=0 0</c>.</summary>
    public IReadOnlyList<SdpTiming> Timings { get; init; } = [SdpTiming.Permanent];

    /// <summary>The session-level <c>a=</c> lines, in order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>Session-level lines this model does not interpret (<c>i=</c>, <c>u=</c>, <c>e=</c>, <c>p=</c>, <c>r=</c>, <c>z=</c>, <c>k=</c>, unknown).</summary>
    public IReadOnlyList<SdpField> OtherFields { get; init; } = [];

    /// <summary>The media sections in order; offer/answer matches them up by position (RFC 3264 §6).</summary>
    public IReadOnlyList<MediaDescription> Media { get; init; } = [];

    /// <summary>The session-level direction attribute, or <see langword="null"/> when absent.</summary>
    public SdpDirection? Direction => SdpAttributeLookup.FindDirection(Attributes);

    /// <summary>
    /// Parses a UTF-8 SDP body, such as the body of a SIP message. CRLF and bare LF line endings are both
    /// accepted, as RFC 4566 §5 recommends.
    /// </summary>
    /// <param name="utf8">The body bytes.</param>
    /// <param name="description">The parsed description when successful.</param>
    /// <param name="error">Why parsing failed, with the 1-based line number, when unsuccessful.</param>
    /// <returns><see langword="true"/> when the body is a usable session description.</returns>
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out SessionDescription? description,
        out SdpParseError error) => SdpParser.TryParse(utf8, out description, out error);

    /// <summary>Parses SDP text; see <see cref="TryParse(ReadOnlySpan{byte}, out SessionDescription?, out SdpParseError)"/>.</summary>
    /// <param name="text">The SDP text.</param>
    /// <param name="description">The parsed description when successful.</param>
    /// <param name="error">Why parsing failed when unsuccessful.</param>
    /// <returns><see langword="true"/> when the text is a usable session description.</returns>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out SessionDescription? description,
        out SdpParseError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SdpParser.TryParse(Encoding.UTF8.GetBytes(text), out description, out error);
    }

    /// <summary>
    /// Gets the direction that applies to a media section: its own attribute, else the session-level one,
    /// else <see cref="SdpDirection.SendRecv"/> (RFC 3264 §5.1).
    /// </summary>
    /// <param name="media">A media section of this description.</param>
    public SdpDirection GetEffectiveDirection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? SdpDirection.SendRecv;
    }

    /// <summary>
    /// Gets the connection that applies to a media section: its own <c>c=</c>, else the session-level one
    /// (RFC 4566 §5.7).
    /// </summary>
    /// <param name="media">A media section of this description.</param>
    /// <returns>The connection, or <see langword="null"/> when neither level has one.</returns>
    public SdpConnection? GetEffectiveConnection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    /// <summary>Copies the description with a different origin, for re-issuing a description under a new version.</summary>
    internal SessionDescription WithOrigin(SdpOrigin origin) => new()
    {
        Origin = origin,
        SessionName = SessionName,
        Connection = Connection,
        Bandwidths = Bandwidths,
        Timings = Timings,
        Attributes = Attributes,
        OtherFields = OtherFields,
        Media = Media,
    };

    /// <summary>Serialises the description with CRLF line endings, in the field order of RFC 4566 §5.</summary>
    public override string ToString() => SdpWriter.Write(this);

    /// <summary>Serialises the description as UTF-8 bytes, ready to be a SIP message body.</summary>
    public byte[] ToUtf8Bytes() => Encoding.UTF8.GetBytes(SdpWriter.Write(this));
}
