using System.Net;
using PhoneAgent.Host.Hosting;
using PhoneAgent.Integration.Tests.Peers;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// A started phoneagent process on free loopback ports (SIP on UDP+TCP, HTTP), with its call records and
/// recordings in a temporary working directory, and an HTTP client for its endpoints.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private RunningHost(HostProcess process, DirectoryInfo work, int sipPort, int httpPort)
    {
        Process = process;
        Work = work;
        SipPort = sipPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The host process.</summary>
    public HostProcess Process { get; private set; }

    /// <summary>The working directory (call records go to calls/ inside it).</summary>
    public DirectoryInfo Work { get; }

    /// <summary>Where the host's call folders are.</summary>
    public string CallsFolder => Path.Combine(Work.FullName, "calls");

    /// <summary>The SIP port (UDP and TCP).</summary>
    public int SipPort { get; private set; }

    /// <summary>The SIP endpoint to call.</summary>
    public IPEndPoint SipEndPoint => new(IPAddress.Loopback, SipPort);

    /// <summary>A client for the HTTP endpoints.</summary>
    public HttpClient Http { get; private set; }

    /// <summary>Starts the host in a new temporary directory; <paramref name="extra"/> are more command-line arguments.</summary>
    public static async Task<RunningHost> StartAsync(params string[] extra)
    {
        var work = Directory.CreateTempSubdirectory("phoneagent-host-");
        var host = new RunningHost(null!, work, 0, 0);
        await host.LaunchAsync(extra);
        return host;
    }

    /// <summary>Starts the host again in the same directory (after a crash), on new ports.</summary>
    public async Task RestartAsync(params string[] extra)
    {
        await Process.DisposeAsync();
        Http.Dispose();
        await LaunchAsync(extra);
    }

    private async Task LaunchAsync(string[] extra)
    {
        // Free ports can be taken between the probe and the bind; a bind failure exits 3 and is retried.
        for (var attempt = 1; ; attempt++)
        {
            SipPort = FreePort.UdpAndTcp();
            var httpPort = FreePort.Tcp();
            string[] arguments =
            [
                "run",
                "--Sip:ListenAddress=127.0.0.1", $"--Sip:Port={SipPort}", "--Sip:RtpPortMin=30000", "--Sip:RtpPortMax=39999",
                $"--Http:Urls=http://127.0.0.1:{httpPort}", "--Media:RecordingsFolder=calls", .. extra,
            ];
            Process = HostProcess.Start(arguments, Work.FullName);
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                await Process.WaitForOutputAsync(PhoneAgentApp.ReadyMessage, StartTimeout);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && Process.Stderr.Contains("Cannot bind", StringComparison.Ordinal))
            {
                await Process.DisposeAsync();
                Http.Dispose();
            }
        }
    }

    /// <summary>The folders of every call recorded so far.</summary>
    public string[] CallFolders() => Directory.Exists(CallsFolder) ? Directory.GetDirectories(CallsFolder) : [];

    /// <summary>The recordings written so far.</summary>
    public string[] Recordings() => Directory.Exists(CallsFolder) ? Directory.GetFiles(CallsFolder, "*.wav", SearchOption.AllDirectories) : [];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
        Work.Delete(recursive: true);
    }
}
