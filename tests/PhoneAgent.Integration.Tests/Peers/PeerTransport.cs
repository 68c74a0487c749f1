namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>The SIP transport a peer uses towards the system under test.</summary>
public enum PeerTransport
{
    /// <summary>UDP (sipp <c>-t u1</c>: one socket for every call).</summary>
    Udp,

    /// <summary>TCP (sipp <c>-t t1</c>: one connection for every call).</summary>
    Tcp,
}
