using System.Diagnostics;
using System.Text;
using PhoneAgent.Integration.Tests.Peers;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// The real <c>phoneagent</c> binary (built beside the tests) run as a child process, with its standard output and
/// error captured separately. Waits complete from the output pumps or process exit, always under a timeout.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];
    private readonly Task _pumps;

    private HostProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, _stdout), PumpAsync(process.StandardError, _stderr));
    }

    /// <summary>The host's main assembly in the test output folder (copied there by the project reference).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "phoneagent.dll");

    /// <summary>Everything written to standard output so far.</summary>
    public string Stdout
    {
        get { lock (_gate) return _stdout.ToString(); }
    }

    /// <summary>Everything written to standard error so far.</summary>
    public string Stderr
    {
        get { lock (_gate) return _stderr.ToString(); }
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet phoneagent.dll</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static HostProcess Start(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // The test runner's own PHONEAGENT_* variables must not leak into the host under test.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("PHONEAGENT_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return new HostProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    /// <summary>Runs the binary to completion (check-config, or a run that fails validation).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var host = Start(arguments, workingDirectory, environment);
        var code = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (code, host.Stdout, host.Stderr);
    }

    /// <summary>Waits until standard output contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stdout.ToString().Contains(text, StringComparison.Ordinal)) return;
            _waiters.Add((text, seen));
        }

        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(seen.Task, exited).WaitAsync(timeout).ConfigureAwait(false);
        if (done != seen.Task && !seen.Task.IsCompleted)
        {
            await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            throw new InvalidOperationException($"phoneagent exited ({_process.ExitCode}) before printing '{text}'.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>Waits for exit and returns the code; kills the process tree past <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"phoneagent did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager does to stop the bot.</summary>
    public bool Terminate() => LibC.TrySignal(_process.Id, LibC.SigTerm);

    /// <summary>SIGKILL: the process dies at once, with no chance to clean up.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) KillHard();
        await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_gate)
            {
                into.Append(line).Append('\n');
                if (into != _stdout) continue;
                var text = _stdout.ToString();
                foreach (var waiter in _waiters.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
