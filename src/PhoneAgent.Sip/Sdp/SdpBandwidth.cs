namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// A <c>b=</c> line (RFC 4566 §5.8), such as <c>b=AS:64</c> or <c>b=TIAS:64000</c>.
/// </summary>
/// <param name="Type">The bandwidth type token (<c>CT</c>, <c>AS</c>, <c>TIAS</c>, <c>RS</c>, <c>RR</c>, ...).</param>
/// <param name="Value">The bandwidth value; its unit depends on <paramref name="Type"/>.</param>
public sealed record SdpBandwidth(string Type, ulong Value)
{
    /// <summary>Formats the value as it appears after <c>b=</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"{Type}:{Value}");
}
