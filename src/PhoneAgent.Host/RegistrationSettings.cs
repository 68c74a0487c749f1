using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Registration;

namespace PhoneAgent.Host;

/// <summary>One entry of "Sip:Registrations" as bound from configuration.</summary>
public sealed class RegistrationSettings
{
    public string? Registrar { get; set; }
    public string? Aor { get; set; }
    public string? AuthUser { get; set; }
    public string? Password { get; set; }
    public int Expires { get; set; } = 3600;
    public string? OutboundProxy { get; set; }
    public string? Contact { get; set; }

    /// <summary>Validates and converts; <paramref name="key"/> is this entry's path (e.g. Sip:Registrations:0).</summary>
    public SipRegistrationOptions ToOptions(string key)
    {
        var registrar = Uri(key, nameof(Registrar), Registrar) ?? throw new ConfigurationException($"{key}:{nameof(Registrar)}", "is required (e.g. sip:pbx.example.org)");
        var aor = Uri(key, nameof(Aor), Aor) ?? throw new ConfigurationException($"{key}:{nameof(Aor)}", "is required (e.g. sip:bot@pbx.example.org)");
        if (string.IsNullOrEmpty(aor.User) && string.IsNullOrEmpty(AuthUser)) throw new ConfigurationException($"{key}:{nameof(Aor)}", $"'{Aor}' has no user part and no AuthUser is set");
        // RFC 3261 §10.2: expires is 0-2^32-1 seconds; below 60 registrars answer 423 and 0 would unregister.
        if (Expires is < 10 or > 604800) throw new ConfigurationException($"{key}:{nameof(Expires)}", $"{Expires} is outside 10-604800 seconds");
        return new SipRegistrationOptions
        {
            Registrar = registrar,
            Aor = aor,
            AuthUser = string.IsNullOrWhiteSpace(AuthUser) ? null : AuthUser,
            Password = string.IsNullOrEmpty(Password) ? null : Password,
            Expires = TimeSpan.FromSeconds(Expires),
            OutboundProxy = Uri(key, nameof(OutboundProxy), OutboundProxy),
            Contact = Uri(key, nameof(Contact), Contact),
        };
    }

    private static SipUri? Uri(string key, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!SipUri.TryParse(value.Trim(), out var uri) || !uri.IsSip) throw new ConfigurationException($"{key}:{name}", $"'{value}' is not a sip: or sips: URI");
        return uri;
    }
}
