using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host.Configuration;

/// <summary>Every settings section, bound and validated together at startup (and by <c>check-config</c>).</summary>
/// <param name="Sip">The user agent's options.</param>
/// <param name="Media">Media settings.</param>
/// <param name="HttpUrls">URLs the HTTP endpoints listen on.</param>
/// <param name="CallRecordsFolder">Full path of the call records folder, or null when records are off.</param>
/// <param name="JsonLogs">True for JSON console logs.</param>
/// <param name="OpenTelemetry">OTLP export settings.</param>
/// <param name="OtlpEndpoint">The OTLP endpoint, or null when export is off.</param>
/// <param name="ShutdownTimeout">How long live calls may go on after a stop signal.</param>
public sealed record HostSettings(
    SipUserAgentOptions Sip,
    MediaSettings Media,
    IReadOnlyList<string> HttpUrls,
    string? CallRecordsFolder,
    bool JsonLogs,
    OpenTelemetrySettings OpenTelemetry,
    Uri? OtlpEndpoint,
    TimeSpan ShutdownTimeout)
{
    /// <summary>Binds and validates every section; the first bad value throws <see cref="ConfigurationException"/> naming its key.</summary>
    public static HostSettings Load(IConfiguration configuration)
    {
        var sip = SipSettings.Bind(configuration).ToOptions();
        var media = SettingsBinder.Bind<MediaSettings>(configuration, MediaSettings.Section).Validate();
        var urls = SettingsBinder.Bind<HttpSettings>(configuration, HttpSettings.Section).Validate();
        var records = SettingsBinder.Bind<CallRecordSettings>(configuration, CallRecordSettings.Section);
        var folder = records.Validate();
        var json = SettingsBinder.Bind<LoggingSettings>(configuration, LoggingSettings.Section).Validate();
        var otel = SettingsBinder.Bind<OpenTelemetrySettings>(configuration, OpenTelemetrySettings.Section);
        var endpoint = otel.Validate();
        var shutdown = SettingsBinder.Bind<ShutdownSettings>(configuration, SipSettings.Section).Validate();
        var dial = SettingsBinder.Bind<DialSettings>(configuration, DialSettings.Section).Validate();
        return new HostSettings(sip, media, urls, records.Enabled ? folder : null, json, otel, endpoint, shutdown) { Dial = dial };
    }

    /// <summary>How <c>phoneagent dial</c> places its call (the "Dial" section).</summary>
    public DialDefaults Dial { get; init; } = new(null, null, TimeSpan.FromSeconds(60));
}
