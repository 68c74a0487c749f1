namespace PhoneAgent.Host.Configuration;

/// <summary>The "Http" section: where the health, readiness, metrics and calls endpoints listen.</summary>
public sealed class HttpSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Http";

    /// <summary>
    /// Semicolon-separated URLs Kestrel binds. Loopback by default: the endpoints show callers' numbers, so
    /// exposing them is a choice the operator makes (e.g. <c>http://0.0.0.0:8080</c> behind a firewall).
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>The URLs, validated; throws <see cref="ConfigurationException"/> naming <c>Http:Urls</c>.</summary>
    public IReadOnlyList<string> Validate()
    {
        var urls = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0) throw new ConfigurationException($"{Section}:{nameof(Urls)}", "must hold at least one URL");
        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
            {
                throw new ConfigurationException($"{Section}:{nameof(Urls)}", $"'{url}' is not an http:// or https:// URL of the form scheme://host:port");
            }
        }

        return urls;
    }
}
