using System.Diagnostics;
using System.Text;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// A child process whose output is captured line by line as it arrives, which can be waited on for a
/// matching line or for exit, always under a hard timeout, and whose whole process tree is killed when
/// it runs over or is disposed. Waits never poll: they complete from the output pumps or process exit.
/// </summary>
public sealed class ProcessRunner : IAsyncDisposable
{
    // Once the process has exited, its pipes close within moments unless a grandchild inherited them;
    // this bounds how long the pumps are awaited so such a leak cannot hang a test.
    private static readonly TimeSpan PipeDrainLimit = TimeSpan.FromSeconds(5);

    private const int TailLines = 40;

    private readonly Process _process;
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<LineWaiter> _waiters = [];
    private readonly Task<int> _exit;
    private bool _outputComplete;

    private ProcessRunner(Process process)
    {
        _process = process;
        var stdout = PumpAsync(process.StandardOutput);
        var stderr = PumpAsync(process.StandardError);
        _exit = WaitForExitCoreAsync(stdout, stderr);
    }

    /// <summary>Completes with the exit code once the process has exited and its output has been read.</summary>
    public Task<int> Exited => _exit;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _exit.IsCompleted;

    /// <summary>Number of output lines captured so far; pass it to <see cref="WaitForLineAsync"/> to see only later lines.</summary>
    public int LineCount
    {
        get { lock (_gate) return _lines.Count; }
    }

    /// <summary>Everything captured so far, one line per line.</summary>
    public string Output
    {
        get { lock (_gate) return string.Join('\n', _lines); }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> (no shell involved).
    /// Standard input is a pipe, so the child never reads the test runner's terminal.
    /// </summary>
    public static ProcessRunner Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        return new ProcessRunner(process);
    }

    /// <summary>Writes one line to the child's standard input.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>
    /// Waits for the first line at index <paramref name="fromLine"/> or later that satisfies
    /// <paramref name="predicate"/>, including lines that already arrived.
    /// </summary>
    /// <returns>The index of the matching line and the line.</returns>
    /// <exception cref="TimeoutException">No such line within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The process ended without printing such a line.</exception>
    public async Task<(int Index, string Line)> WaitForLineAsync(
        Func<string, bool> predicate, int fromLine, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        LineWaiter waiter;
        lock (_gate)
        {
            for (var i = fromLine; i < _lines.Count; i++)
            {
                if (predicate(_lines[i])) return (i, _lines[i]);
            }
            if (_outputComplete) throw EndedWithoutLine();
            waiter = new LineWaiter(predicate, fromLine);
            _waiters.Add(waiter);
        }
        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching output line within {timeout.TotalSeconds:0.#} s.\n{Tail()}");
        }
        finally
        {
            lock (_gate) _waiters.Remove(waiter);
        }
    }

    /// <summary>
    /// Waits for the process to exit; past <paramref name="timeout"/> the whole process tree is killed
    /// and the result says <see cref="ProcessResult.TimedOut"/>.
    /// </summary>
    public async Task<ProcessResult> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            var code = await _exit.WaitAsync(timeout, cancellationToken);
            return new ProcessResult(code, TimedOut: false, Output);
        }
        catch (TimeoutException)
        {
            Kill();
            var code = await _exit;
            return new ProcessResult(code, TimedOut: true, Output);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
    }

    /// <summary>Sends a POSIX signal to the process (not its children); false when it is already gone.</summary>
    public bool Signal(int signal) => !HasExited && LibC.TrySignal(_process.Id, signal);

    /// <summary>Kills the process and all its descendants at once; harmless when it has already exited.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: there is nothing left to kill.
        }
    }

    /// <summary>The last lines of output, for assertion and exception messages.</summary>
    public string Tail(int lines = TailLines)
    {
        lock (_gate)
        {
            var start = Math.Max(0, _lines.Count - lines);
            return $"--- last {_lines.Count - start} of {_lines.Count} output lines of {_process.StartInfo.FileName} ---\n"
                + string.Join('\n', _lines.Skip(start));
        }
    }

    /// <summary>Kills the process tree if it is still running and releases the process handle.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        await _exit;
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        try
        {
            // ReadLineAsync also splits on a bare CR, which keeps progress lines that redraw themselves
            // with CR (baresip's call status) from gluing onto the next real line.
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_gate)
                {
                    _lines.Add(line);
                    var index = _lines.Count - 1;
                    foreach (var waiter in _waiters)
                    {
                        if (index >= waiter.FromLine && waiter.Predicate(line)) waiter.Completion.TrySetResult((index, line));
                    }
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke as the process was killed: the output ends here.
        }
    }

    private async Task<int> WaitForExitCoreAsync(Task stdout, Task stderr)
    {
        await _process.WaitForExitAsync();
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(PipeDrainLimit);
        }
        catch (TimeoutException)
        {
            // A descendant still holds the pipes open; what was read so far is all we report.
        }
        lock (_gate)
        {
            _outputComplete = true;
            foreach (var waiter in _waiters) waiter.Completion.TrySetException(EndedWithoutLine());
        }
        return _process.ExitCode;
    }

    private InvalidOperationException EndedWithoutLine() =>
        new($"{_process.StartInfo.FileName} exited before printing the expected line.\n{Tail()}");

    private sealed class LineWaiter(Func<string, bool> predicate, int fromLine)
    {
        public Func<string, bool> Predicate { get; } = predicate;

        public int FromLine { get; } = fromLine;

        public TaskCompletionSource<(int Index, string Line)> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
