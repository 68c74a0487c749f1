namespace PhoneAgent.Host.Configuration;

/// <summary>
/// The graceful-shutdown key of the "Sip" section, bound on its own so the SIP settings class stays about the
/// user agent; the binder ignores keys a class does not have, so both read the same section.
/// </summary>
public sealed class ShutdownSettings
{
    /// <summary>Seconds live calls may go on after SIGTERM/Ctrl-C before they are hung up with BYE.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 10;

    /// <summary>The timeout; throws <see cref="ConfigurationException"/> naming <c>Sip:ShutdownTimeoutSeconds</c>.</summary>
    public TimeSpan Validate()
    {
        if (ShutdownTimeoutSeconds is < 0 or > 3600 || double.IsNaN(ShutdownTimeoutSeconds))
        {
            throw new ConfigurationException($"{SipSettings.Section}:{nameof(ShutdownTimeoutSeconds)}", $"{ShutdownTimeoutSeconds} is outside 0-3600 seconds");
        }

        return TimeSpan.FromSeconds(ShutdownTimeoutSeconds);
    }
}
