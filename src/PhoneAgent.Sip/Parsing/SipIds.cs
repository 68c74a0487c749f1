using System.Security.Cryptography;

namespace PhoneAgent.Sip.Parsing;

/// <summary>Random identifiers: tags (RFC 3261 §19.3, ≥ 32 random bits), branches (§8.1.1.7) and Call-IDs.</summary>
public static class SipIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new tag with about 62 random bits.</summary>
    public static string NewTag() => Random(12);

    /// <summary>A new branch with the RFC 3261 magic cookie and about 83 random bits.</summary>
    public static string NewBranch() => SipViaHeader.MagicCookie + Random(16);

    /// <summary>A new globally unique Call-ID (§8.1.1.4).</summary>
    public static string NewCallId() => Random(24);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
