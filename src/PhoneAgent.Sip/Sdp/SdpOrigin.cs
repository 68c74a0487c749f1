namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The <c>o=</c> line (RFC 4566 §5.2). <see cref="SessionId"/> plus the address identify the session;
/// <see cref="SessionVersion"/> goes up by one each time its owner changes the description (RFC 3264 §8).
/// </summary>
/// <param name="Username">The originator's login, or <c>-</c>.</param>
/// <param name="SessionId">A numeric string chosen by the originator; kept as text so any peer's value round-trips.</param>
/// <param name="SessionVersion">The description's version number.</param>
/// <param name="NetworkType">Always <c>IN</c> on the Internet.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">The originating host's address or name.</param>
public sealed record SdpOrigin(
    string Username,
    string SessionId,
    ulong SessionVersion,
    string NetworkType,
    string AddressType,
    string Address)
{
    /// <summary>Formats the value as it appears after <c>o=</c>.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}");
}
