using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using PhoneAgent.Testing;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Runs Kamailio with the repository's sip-config/kamailio/kamailio.cfg on 127.0.0.1 at a free UDP port, its
/// account password replaced by a fresh one, in the foreground (-DD) with its pid file and runtime directory in a
/// temporary folder. Disposing kills it.
/// </summary>
public sealed partial class KamailioRunner : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private const int StartAttempts = 3;

    private readonly ProcessRunner _process;
    private readonly DirectoryInfo _directory;

    private KamailioRunner(ProcessRunner process, DirectoryInfo directory, int port, string password)
    {
        _process = process;
        _directory = directory;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        Password = password;
    }

    /// <summary>The realm and AOR domain of the configured account.</summary>
    public const string Realm = "phoneagent.test";

    /// <summary>The account's user.</summary>
    public const string User = "bot";

    /// <summary>Where Kamailio listens (UDP).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The account's password for this run.</summary>
    public string Password { get; }

    /// <summary>Kamailio's log so far, for failure messages.</summary>
    public string Log => _process.Tail(80);

    /// <summary>
    /// Starts Kamailio and returns once it reports its listening socket. The free port is released before Kamailio
    /// binds it, so a start that loses that race is retried on another port.
    /// </summary>
    public static async Task<KamailioRunner> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var runner = Launch();
            try
            {
                await runner._process.WaitForLineAsync(l => l.Contains("Listening on", StringComparison.Ordinal), 0, StartTimeout);
                return runner;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Exited before listening: most likely the port was taken meanwhile.
                await runner.DisposeAsync();
            }
            catch
            {
                await runner.DisposeAsync();
                throw;
            }
        }
    }

    private static KamailioRunner Launch()
    {
        var directory = Directory.CreateTempSubdirectory("phoneagent-kamailio-");
        var port = FreePort.Udp();
        var password = Guid.NewGuid().ToString("N");
        var config = File.ReadAllText(Path.Combine(Checkout.Root, "sip-config", "kamailio", "kamailio.cfg"));
        config = PortDefinition().Replace(config, $"#!substdef \"!SIP_PORT!{port.ToString(CultureInfo.InvariantCulture)}!\"");
        config = PasswordDefinition().Replace(config, $"#!substdef \"!BOT_PASSWORD!{password}!\"");
        var path = Path.Combine(directory.FullName, "kamailio.cfg");
        File.WriteAllText(path, config);
        // -DD: stay in the foreground with the worker children (one -D would run a single process); -E: log to
        // stderr; -Y: runtime directory; -m/-M: small shared and private memory, plenty for a test's few messages.
        var process = ProcessRunner.Start("kamailio",
            ["-f", path, "-DD", "-E", "-Y", directory.FullName, "-P", Path.Combine(directory.FullName, "kamailio.pid"), "-m", "32", "-M", "4"],
            directory.FullName);
        return new KamailioRunner(process, directory, port, password);
    }

    [GeneratedRegex("^#!substdef \"!SIP_PORT![0-9]+!\"", RegexOptions.Multiline)]
    private static partial Regex PortDefinition();

    [GeneratedRegex("^#!substdef \"!BOT_PASSWORD![^!]*!\"", RegexOptions.Multiline)]
    private static partial Regex PasswordDefinition();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A child still closing a file; the temp folder is cleaned by the OS later.
        }
    }
}
