namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Maps between <see cref="SdpDirection"/>, its attribute name, and the send/receive flags that offer/answer
/// reasoning works with (RFC 3264 §6.1 is easiest to apply as flag arithmetic).
/// </summary>
internal static class SdpDirectionRules
{
    public static bool CanSend(SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    public static bool CanReceive(SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;

    public static SdpDirection FromFlags(bool send, bool receive) => (send, receive) switch
    {
        (true, true) => SdpDirection.SendRecv,
        (true, false) => SdpDirection.SendOnly,
        (false, true) => SdpDirection.RecvOnly,
        _ => SdpDirection.Inactive,
    };

    public static string ToAttributeName(SdpDirection direction) => direction switch
    {
        SdpDirection.SendRecv => "sendrecv",
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    public static bool TryParseAttributeName(string name, out SdpDirection direction)
    {
        // Attribute names are case-sensitive per RFC 4566 §5.13, but matching them loosely costs nothing
        // and keeps a peer that writes "a=SendOnly" from being treated as sendrecv.
        foreach (var candidate in (ReadOnlySpan<SdpDirection>)
                 [SdpDirection.SendRecv, SdpDirection.SendOnly, SdpDirection.RecvOnly, SdpDirection.Inactive])
        {
            if (string.Equals(name, ToAttributeName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                direction = candidate;
                return true;
            }
        }

        direction = SdpDirection.SendRecv;
        return false;
    }
}
