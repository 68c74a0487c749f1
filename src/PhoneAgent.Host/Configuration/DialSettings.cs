using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Host.Configuration;

/// <summary>
/// The "Dial" section: how <c>phoneagent dial</c> places its call. The command's --username, --password, --from
/// and --timeout options become these keys, so both are validated the same way and errors name the key.
/// </summary>
public sealed class DialSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Dial";

    /// <summary>Digest username for a 401/407 from the far end or a proxy.</summary>
    public string? Username { get; set; }

    /// <summary>Digest password (shown as *** by check-config).</summary>
    public string? Password { get; set; }

    /// <summary>Our From, e.g. <c>"Bot" &lt;sip:bot@pbx.example.org&gt;</c>; empty uses Sip:ContactUser at our address.</summary>
    public string? From { get; set; }

    /// <summary>Seconds to wait for an answer before cancelling.</summary>
    public double AnswerTimeoutSeconds { get; set; } = 60;

    /// <summary>Validates; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public DialDefaults Validate()
    {
        if (AnswerTimeoutSeconds is <= 0 or > 3600 || double.IsNaN(AnswerTimeoutSeconds))
        {
            throw new ConfigurationException($"{Section}:{nameof(AnswerTimeoutSeconds)}", $"{AnswerTimeoutSeconds} is outside 0-3600 seconds");
        }
        var hasUser = !string.IsNullOrWhiteSpace(Username);
        var hasPassword = !string.IsNullOrEmpty(Password);
        if (hasUser != hasPassword)
        {
            var missing = hasUser ? nameof(Password) : nameof(Username);
            throw new ConfigurationException($"{Section}:{missing}", "is required when the other of Dial:Username and Dial:Password is set");
        }
        NameAddress? from = null;
        if (!string.IsNullOrWhiteSpace(From) && (!NameAddress.TryParse(From.Trim(), out from) || !from.Uri.IsSip))
        {
            throw new ConfigurationException($"{Section}:{nameof(From)}", $"'{From}' is not a SIP address (e.g. sip:bot@pbx.example.org or \"Bot\" <sip:bot@pbx.example.org>)");
        }
        return new DialDefaults(hasUser ? new DigestCredentials(Username!.Trim(), Password!) : null, from, TimeSpan.FromSeconds(AnswerTimeoutSeconds));
    }
}
