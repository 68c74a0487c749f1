namespace PhoneAgent.Host;

/// <summary>The "Media" configuration section: what happens to each answered call's audio.</summary>
public sealed class MediaSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Media";

    /// <summary>Where to write one stereo WAV per call (caller left, bot right); empty for no recording.</summary>
    public string? RecordingsFolder { get; set; }

    /// <summary>Play the caller's audio back to them instead of running the conversation: tests the media path without speech engines.</summary>
    public bool Echo { get; set; }

    /// <summary>Seconds without RTP, outside hold, after which the call is ended with <c>MediaTimeout</c>.</summary>
    public double InactivityTimeoutSeconds { get; set; } = 30;

    /// <summary>Validates the settings; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public MediaSettings Validate()
    {
        if (InactivityTimeoutSeconds is < 1 or > 3600 || double.IsNaN(InactivityTimeoutSeconds))
        {
            throw new ConfigurationException($"{Section}:{nameof(InactivityTimeoutSeconds)}", $"{InactivityTimeoutSeconds} is outside 1-3600 seconds");
        }

        return this;
    }
}
