namespace PhoneAgent.Host.Configuration;

/// <summary>The host's own key in the "Logging" section (log levels stay under Logging:LogLevel as usual).</summary>
public sealed class LoggingSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Logging";

    /// <summary><c>text</c> (one readable line per message) or <c>json</c> (one JSON object per message, for log shippers).</summary>
    public string Format { get; set; } = "text";

    /// <summary>True for JSON; throws <see cref="ConfigurationException"/> naming <c>Logging:Format</c> for anything else but text.</summary>
    public bool Validate() => Format.Trim().ToLowerInvariant() switch
    {
        "text" => false,
        "json" => true,
        _ => throw new ConfigurationException($"{Section}:{nameof(Format)}", $"'{Format}' is neither 'text' nor 'json'"),
    };
}
