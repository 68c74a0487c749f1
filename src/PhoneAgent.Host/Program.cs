using PhoneAgent.Host;
using PhoneAgent.Sip.Calls;

try
{
    var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
    // The embedded default configuration (sip-config/phoneagent.json) sits beside the binary; appsettings,
    // environment (Sip__Port) and command line (--Sip:Port) override it in that order.
    builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
    {
        Path = Path.Combine(AppContext.BaseDirectory, "sip-config", "phoneagent.json"),
        Optional = true,
    });
    var settings = SipSettings.Bind(builder.Configuration);
    builder.Services.AddSingleton(settings.ToOptions());
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton((builder.Configuration.GetSection(MediaSettings.Section).Get<MediaSettings>() ?? new MediaSettings()).Validate());
    builder.Services.AddSingleton<ISipCallHandler, MediaCallHandler>();
    builder.Services.AddHostedService<SipService>();
    await builder.Build().RunAsync();
    return 0;
}
catch (ConfigurationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
catch (System.Net.Sockets.SocketException e)
{
    await Console.Error.WriteLineAsync($"Cannot bind SIP sockets (Sip:ListenAddress/Sip:Port): {e.Message}");
    return 3;
}
