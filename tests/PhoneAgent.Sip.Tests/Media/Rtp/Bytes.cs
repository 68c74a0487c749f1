namespace PhoneAgent.Sip.Tests.Media.Rtp;

/// <summary>Packet bytes written as spaced hex, the way RFC diagrams and Wireshark show them.</summary>
internal static class Bytes
{
    public static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", "", StringComparison.Ordinal));
}
