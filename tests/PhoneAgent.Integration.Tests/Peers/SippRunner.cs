using System.Globalization;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Runs sipp on 127.0.0.1 with free ports, its logs and statistics in a temporary directory, and a hard
/// timeout that kills it. sipp 3.6.1 does not pick free ports itself (<c>-p 0</c> means "5060, or the
/// next free one"), so the runner finds them and retries when another process takes one first.
/// </summary>
public static class SippRunner
{
    /// <summary>sipp exits with -2 (254) when it cannot bind a socket.</summary>
    public const int BindFailureExitCode = 254;

    private const int StartAttempts = 3;

    private static readonly TimeSpan ListenTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The sipp executable, found on PATH.</summary>
    public static string Executable { get; set; } = "sipp";

    /// <summary>Places calls to <see cref="SippOptions.Target"/> and waits until sipp is done.</summary>
    public static async Task<SippResult> RunAsync(SippOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options.Target, nameof(options.Target));
        for (var attempt = 1; ; attempt++)
        {
            await using var sipp = Launch(options);
            var result = await sipp.WaitForExitAsync(cancellationToken);
            if (result.ExitCode != BindFailureExitCode || result.TimedOut || attempt == StartAttempts) return result;
        }
    }

    /// <summary>
    /// Starts sipp and returns while it runs. A server (no <see cref="SippOptions.Target"/>) is returned
    /// only once its SIP socket is bound, so a caller started next is not refused.
    /// </summary>
    public static async Task<SippProcess> StartAsync(SippOptions options, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var sipp = Launch(options);
            if (!options.IsServer) return sipp;
            try
            {
                if (await sipp.WaitUntilListeningAsync(ListenTimeout, cancellationToken)) return sipp;
                var result = await sipp.WaitForExitAsync(cancellationToken);
                if (result.ExitCode != BindFailureExitCode || attempt == StartAttempts)
                {
                    throw new InvalidOperationException($"sipp exited while starting.\n{result.Describe()}");
                }
            }
            catch
            {
                await sipp.DisposeAsync();
                throw;
            }
            await sipp.DisposeAsync();
        }
    }

    private static SippProcess Launch(SippOptions options)
    {
        if ((options.ScenarioFile is null) == (options.BuiltInScenario is null))
        {
            throw new ArgumentException("Set exactly one of ScenarioFile and BuiltInScenario.", nameof(options));
        }
        var workDirectory = Directory.CreateTempSubdirectory("phoneagent-sipp-");
        var sipPort = FreePort.UdpAndTcp();
        var mediaPort = FreePort.UdpBlock(4);
        var controlPort = FreePort.Udp();
        var arguments = Arguments(options, workDirectory.FullName, sipPort, mediaPort, controlPort);
        var runner = ProcessRunner.Start(Executable, arguments, workDirectory.FullName);
        return new SippProcess(runner, options, workDirectory, sipPort, mediaPort);
    }

    private static List<string> Arguments(SippOptions options, string directory, int sipPort, int mediaPort, int controlPort)
    {
        var loopback = FreePort.Loopback.ToString();
        var arguments = new List<string>();
        if (options.Target is { } target) arguments.Add($"{target.Address}:{target.Port}");
        if (options.ScenarioFile is { } file) arguments.AddRange(["-sf", file]);
        else arguments.AddRange(["-sn", options.BuiltInScenario!]);
        arguments.AddRange(
        [
            "-t", options.Transport == PeerTransport.Tcp ? "t1" : "u1",
            // -i alone only sets the address written into messages; -bind_local also binds to it,
            // and -ci moves the UDP control socket off 0.0.0.0.
            "-i", loopback, "-bind_local",
            "-p", Number(sipPort),
            "-mp", Number(mediaPort),
            "-ci", loopback, "-cp", Number(controlPort),
            "-s", options.Service,
            "-r", options.Rate.ToString(CultureInfo.InvariantCulture),
            "-rp", Millis(options.RatePeriod),
            // sipp 3.6.1 keeps -timeout in whole seconds ("2500ms" becomes 2 s), so round up.
            "-timeout", Seconds(options.Timeout), "-timeout_error",
            // Our stdin is a pipe, not a keyboard.
            "-nostdin",
            "-trace_err", "-error_file", Path.Combine(directory, "errors.log"),
            "-trace_stat", "-stf", Path.Combine(directory, "stats.csv"),
            "-trace_screen", "-screen_file", Path.Combine(directory, "screen.log"),
        ]);
        if (options.Calls > 0) arguments.AddRange(["-m", Number(options.Calls)]);
        if (options.MaxConcurrentCalls is { } limit) arguments.AddRange(["-l", Number(limit)]);
        if (options.Pause is { } pause) arguments.AddRange(["-d", Millis(pause)]);
        if (options.ReceiveTimeout is { } receive) arguments.AddRange(["-recv_timeout", Millis(receive)]);
        if (options.TraceMessages) arguments.AddRange(["-trace_msg", "-message_file", Path.Combine(directory, "messages.log")]);
        arguments.AddRange(options.ExtraArguments);
        return arguments;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Milliseconds are the default unit of -d, -rp and -recv_timeout.
    private static string Millis(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
}
