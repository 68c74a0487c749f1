namespace PhoneAgent.Host.Configuration;

/// <summary>
/// Decides which configuration keys hold secrets, so their values are never printed or logged: any key whose
/// last segment names a password, API key, secret or token (e.g. <c>Agent:OpenAI:ApiKey</c>,
/// <c>Sip:Registrations:0:Password</c>).
/// </summary>
public static class SecretKeys
{
    /// <summary>What a secret value is shown as.</summary>
    public const string Redacted = "***";

    private static readonly string[] Markers = ["password", "apikey", "api_key", "secret", "token"];

    /// <summary>True when the value of <paramref name="key"/> must not be shown.</summary>
    public static bool IsSecret(string key)
    {
        var last = key[(key.LastIndexOf(':') + 1)..];
        return Markers.Any(m => last.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The value as it may be shown: <see cref="Redacted"/> for a non-empty secret.</summary>
    public static string? Show(string key, string? value) =>
        IsSecret(key) && !string.IsNullOrEmpty(value) ? Redacted : value;
}
