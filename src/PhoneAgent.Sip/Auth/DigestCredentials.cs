namespace PhoneAgent.Sip.Auth;

/// <summary>A user name and password for Digest authentication.</summary>
/// <param name="User">The username directive (often the AOR's user part, sometimes a separate auth id).</param>
/// <param name="Password">The secret; never logged.</param>
public sealed record DigestCredentials(string User, string Password)
{
    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"DigestCredentials {{ User = {User} }}";
}
