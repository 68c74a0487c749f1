using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host;

/// <summary>"Sip:InboundAuth": Digest credentials callers outside Sip:Trunks must present.</summary>
public sealed class InboundAuthSettings
{
    /// <summary>The user callers authenticate as.</summary>
    public string? Username { get; set; }

    /// <summary>Its password.</summary>
    public string? Password { get; set; }

    /// <summary>The realm of our challenges; defaults to "phoneagent".</summary>
    public string? Realm { get; set; }

    /// <summary>Null when the section is absent or empty; otherwise validated, naming the bad key under <paramref name="key"/>.</summary>
    public SipInboundAuthOptions? ToOptions(string key)
    {
        if (string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(Realm)) return null;
        if (string.IsNullOrWhiteSpace(Username)) throw new ConfigurationException($"{key}:{nameof(Username)}", "is required when Sip:InboundAuth is set");
        if (string.IsNullOrEmpty(Password)) throw new ConfigurationException($"{key}:{nameof(Password)}", "is required when Sip:InboundAuth is set");
        // The realm is a quoted-string in the challenge (RFC 3261 §25.1); a quote or backslash would need escaping we do not do.
        var realm = string.IsNullOrWhiteSpace(Realm) ? "phoneagent" : Realm.Trim();
        if (realm.IndexOfAny(['"', '\\']) >= 0) throw new ConfigurationException($"{key}:{nameof(Realm)}", $"'{Realm}' must not contain quotes or backslashes");
        return new SipInboundAuthOptions { Username = Username.Trim(), Password = Password, Realm = realm };
    }
}
