namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The media direction attributes of RFC 4566 §6 (<c>a=sendrecv</c>, <c>a=sendonly</c>, <c>a=recvonly</c>,
/// <c>a=inactive</c>), always seen from the point of view of the party that wrote the description.
/// </summary>
public enum SdpDirection
{
    /// <summary>The writer both sends and receives; the default when no direction attribute is present.</summary>
    SendRecv,

    /// <summary>The writer only sends (a party putting its peer on hold typically offers this).</summary>
    SendOnly,

    /// <summary>The writer only receives.</summary>
    RecvOnly,

    /// <summary>The writer neither sends nor receives media.</summary>
    Inactive,
}
