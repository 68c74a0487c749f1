using PhoneAgent.Host.CallRecords;
using PhoneAgent.Host.Calls;
using PhoneAgent.Host.Configuration;
using PhoneAgent.Host.Conversation;
using PhoneAgent.Host.Health;
using PhoneAgent.Host.Http;
using PhoneAgent.Host.Metrics;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host.Hosting;

/// <summary>Builds the host: configuration, validated settings, logging, services and the HTTP endpoints.</summary>
public static class PhoneAgentApp
{
    /// <summary>Logged once SIP and HTTP both listen; scripts and tests wait for it.</summary>
    public const string ReadyMessage = "PhoneAgent started";

    /// <summary>
    /// Loads and validates the configuration and builds the application; throws <see cref="ConfigurationException"/>
    /// naming the first bad key.
    /// </summary>
    /// <param name="configFile">The <c>--config</c> file, if any.</param>
    /// <param name="overrides">Command-line configuration overrides such as <c>--Sip:Port=5080</c>.</param>
    public static WebApplication Build(string? configFile, IReadOnlyList<string> overrides)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        HostConfiguration.AddSources(builder.Configuration, configFile, overrides);
        var settings = HostSettings.Load(builder.Configuration);

        builder.Logging.ClearProviders();
        if (settings.JsonLogs)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }

        builder.WebHost.UseUrls([.. settings.HttpUrls]);
        var services = builder.Services;
        // The host must outlive the calls' grace period plus the final BYEs and socket close.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout + TimeSpan.FromSeconds(15));
        services.AddSingleton(settings);
        services.AddSingleton(settings.Sip);
        services.AddSingleton(settings.Media);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PhoneAgentMetrics>();
        services.AddSingleton(_ => new PrometheusExporter(PhoneAgentMetrics.MeterName));
        services.AddSingleton<SipTransportMetrics>();
        services.AddSingleton<CallRegistry>();
        services.AddSingleton<DrainState>();
        if (!settings.Media.Echo)
        {
            services.AddSingleton(sp => SpeechServices.Create(builder.Configuration, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<ConversationRunner>();
        }

        services.AddSingleton<MediaEngine>();
        services.AddSingleton<MediaCallHandler>();
        services.AddSingleton<ISipCallHandler>(sp => ActivatorUtilities.CreateInstance<ObservedCallHandler>(sp, sp.GetRequiredService<MediaCallHandler>()));
        services.AddSingleton<SipService>();
        services.AddHostedService(sp => sp.GetRequiredService<SipService>());
        services.AddHostedService<GracefulShutdownService>();
        services.AddSingleton<IReadinessContributor, SipTransportReadiness>();
        for (var i = 0; i < settings.Sip.Registrations.Count; i++)
        {
            var (index, aor) = (i, settings.Sip.Registrations[i].Name);
            services.AddSingleton<IReadinessContributor>(sp => new RegistrationReadiness(sp.GetRequiredService<SipService>(), index, aor));
        }
        if (settings.OtlpEndpoint is { } endpoint) services.AddSingleton(new OtlpExport(endpoint, settings.OpenTelemetry));

        var app = builder.Build();
        // Created now, so /metrics counts from the first call on.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<SipTransportMetrics>();

        // Models and scripts load now, so a bad engine setting stops startup naming its key rather than failing a caller.
        app.Services.GetService<SpeechServices>();
        if (settings.OtlpEndpoint is not null) app.Services.GetRequiredService<OtlpExport>();
        HttpEndpoints.Map(app);

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PhoneAgentApp));
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Configuration sources:\n{Sources}Effective configuration (secrets redacted):\n{Configuration}",
                EffectiveConfiguration.Sources(builder.Configuration), EffectiveConfiguration.Render(builder.Configuration));
        }

        // Kestrel starts after the hosted services, so only ApplicationStarted means both SIP and HTTP listen.
        app.Lifetime.ApplicationStarted.Register(() => logger.LogInformation(
            ReadyMessage + ": SIP on port {SipPort}, HTTP on {Urls}", app.Services.GetRequiredService<SipService>().Agent?.Port, string.Join(' ', app.Urls)));
        return app;
    }
}
