namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// A line this model does not interpret (<c>i=</c>, <c>u=</c>, <c>e=</c>, <c>p=</c>, <c>r=</c>, <c>z=</c>,
/// <c>k=</c> or an unknown type letter), kept verbatim so that nothing a peer sent is silently lost.
/// </summary>
/// <param name="Type">The type letter before the <c>=</c>.</param>
/// <param name="Value">Everything after the <c>=</c>, with trailing whitespace removed.</param>
public sealed record SdpField(char Type, string Value)
{
    /// <summary>Formats the field as a complete line without its terminator.</summary>
    public override string ToString() => Type + "=" + Value;
}
