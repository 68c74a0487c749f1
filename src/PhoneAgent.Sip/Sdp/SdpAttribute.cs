namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// One <c>a=</c> line (RFC 4566 §5.13): either a property attribute (<c>a=sendrecv</c>, <see cref="Value"/> is
/// <see langword="null"/>) or a value attribute (<c>a=rtpmap:0 PCMU/8000</c>).
/// </summary>
/// <param name="Name">The attribute name, the text before the first colon.</param>
/// <param name="Value">The text after the first colon, or <see langword="null"/> for a property attribute.</param>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>Formats the attribute as it appears after <c>a=</c>.</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
