using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PhoneAgent.ConversationBench;

/// <summary>
/// The embedded stack under test: <c>phoneagent run</c> as a child process with its default configuration (pocketsphinx,
/// the scripted agent, flite), on a free SIP port on 127.0.0.1, its call records and log in a temporary folder.
/// </summary>
internal sealed partial class BotProcess : IAsyncDisposable
{
    private const string ReadyMessage = "PhoneAgent started";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Lock _logGate = new();
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _pumps;

    private BotProcess(Process process, DirectoryInfo work)
    {
        _process = process;
        Work = work;
        _log = new StreamWriter(Path.Combine(work.FullName, "phoneagent.log")) { AutoFlush = true };
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    /// <summary>The host's working folder (call records in calls/, its output in phoneagent.log).</summary>
    public DirectoryInfo Work { get; }

    /// <summary>Where to call it.</summary>
    public IPEndPoint SipEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The host's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts the host beside this benchmark's assembly and waits until it reports that it is ready.</summary>
    public static async Task<BotProcess> StartAsync(IEnumerable<string> extraArguments)
    {
        var work = Directory.CreateTempSubdirectory("phoneagent-convbench-");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work.FullName,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "phoneagent.dll"));
        string[] arguments = ["run", "--Sip:ListenAddress=127.0.0.1", "--Sip:Port=0", "--Http:Urls=http://127.0.0.1:0", .. extraArguments];
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PHONEAGENT_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        var bot = new BotProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet"), work);
        try
        {
            var port = await bot._ready.Task.WaitAsync(StartTimeout);
            bot.SipEndPoint = new IPEndPoint(IPAddress.Loopback, port);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>User plus system CPU time the host has used so far, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public TimeSpan Cpu()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");

        // Fields after the parenthesised command name: utime is field 14, stime 15 (in USER_HZ, 100 a second).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>The host's resident memory in MiB, from <c>/proc/&lt;pid&gt;/statm</c> (pages of 4 KiB).</summary>
    public double ResidentMegabytes() =>
        long.Parse(File.ReadAllText($"/proc/{_process.Id}/statm").Split(' ')[1], CultureInfo.InvariantCulture) * 4096 / (1024.0 * 1024.0);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM-like shutdown would wait for calls to drain; the benchmark has hung up already, so just stop.
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _pumps;
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_logGate) _log.WriteLine(line);
            if (!line.Contains(ReadyMessage, StringComparison.Ordinal)) continue;
            var match = SipPort().Match(line);
            if (match.Success) _ready.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        _ready.TrySetException(new InvalidOperationException("phoneagent exited before it was ready; see its log"));
    }

    [GeneratedRegex(@"SIP on port (\d+)")]
    private static partial Regex SipPort();
}
