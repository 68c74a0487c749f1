namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// A real softphone (baresip 1.0.0) on 127.0.0.1, driven through its stdio UI: commands are written to
/// its standard input and call events are read from its output lines. It gets its own temporary
/// configuration directory and SIP port, needs no sound card, and is always killed on dispose.
/// </summary>
/// <remarks>
/// Each <c>WaitFor…</c> method waits for the next event of its kind that it has not returned before,
/// so a test can go through several calls in a row. baresip prints one closing line per call, whether
/// it hung up, was hung up on, cancelled or was rejected.
/// </remarks>
public sealed class BaresipRunner : IAsyncDisposable
{
    /// <summary>The baresip executable, found on PATH.</summary>
    public static string Executable { get; set; } = "baresip";

    // Output of baresip 1.0.0 (stdio UI, menu module) that marks each event.
    private const string ReadyMarker = "baresip is ready.";
    private const string EstablishedMarker = "Call established:";
    private const string IncomingManualMarker = "Incoming call from:";
    private const string IncomingAutoMarker = "answering call on line";
    private const string ProgressMarker = "SIP Progress:";
    private const string RemoteClosedMarker = "session closed:";
    // Printed as our hang-up sends BYE or CANCEL. The "Call with … terminated (duration: …)" line that
    // sometimes follows is not printed for a call hung up right after it was answered, so it is no marker.
    private const string LocalClosedMarker = "call: terminate call";

    // baresip's message when sip_listen cannot bind.
    private const string AddressInUse = "Address already in use";

    private const int StartAttempts = 3;

    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(3);

    private readonly ProcessRunner _process;
    private readonly DirectoryInfo _configDirectory;
    private readonly BaresipOptions _options;
    private readonly Dictionary<string, int> _cursors = [];

    private BaresipRunner(ProcessRunner process, DirectoryInfo configDirectory, BaresipOptions options, int sipPort)
    {
        _process = process;
        _configDirectory = configDirectory;
        _options = options;
        SipPort = sipPort;
    }

    /// <summary>The port baresip listens on for SIP, over both UDP and TCP, on 127.0.0.1.</summary>
    public int SipPort { get; }

    /// <summary>The configuration directory baresip was started with (<c>-f</c>).</summary>
    public string ConfigDirectory => _configDirectory.FullName;

    /// <summary>Everything baresip printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>The URI that reaches this peer's account; over TCP it carries <c>;transport=tcp</c> (RFC 3261 19.1.1).</summary>
    public string Uri(PeerTransport transport = PeerTransport.Udp) =>
        $"sip:{_options.User}@{FreePort.Loopback}:{SipPort}{(transport == PeerTransport.Tcp ? ";transport=tcp" : "")}";

    /// <summary>
    /// Writes a configuration, starts baresip and waits until it says it is ready. When another process
    /// took the free port first (baresip exits with "Address already in use"), it tries again on a new one.
    /// </summary>
    public static async Task<BaresipRunner> StartAsync(BaresipOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BaresipOptions();
        for (var attempt = 1; ; attempt++)
        {
            var runner = Launch(options);
            try
            {
                await runner._process.WaitForLineAsync(
                    line => line.Contains(ReadyMarker, StringComparison.Ordinal), 0, options.StartTimeout, cancellationToken);
                return runner;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && runner.Output.Contains(AddressInUse, StringComparison.Ordinal))
            {
                await runner.DisposeAsync();
            }
            catch
            {
                await runner.DisposeAsync();
                throw;
            }
        }
    }

    private static BaresipRunner Launch(BaresipOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("phoneagent-baresip-");
        var sipPort = FreePort.UdpAndTcp();
        BaresipConfig.Write(directory.FullName, sipPort, options);
        var arguments = new List<string>
        {
            "-f", directory.FullName,
            "-t", ((long)Math.Ceiling(options.Lifetime.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (options.SipTrace) arguments.Add("-s");
        return new BaresipRunner(ProcessRunner.Start(Executable, arguments, directory.FullName), directory, options, sipPort);
    }

    /// <summary>Places a call (<c>/dial</c>).</summary>
    public Task DialAsync(string uri) => _process.WriteLineAsync($"/dial {uri}");

    /// <summary>Answers the ringing incoming call (<c>/accept</c>).</summary>
    public Task AcceptAsync() => _process.WriteLineAsync("/accept");

    /// <summary>Sends key presses as RFC 4733 events in the current call (<c>/sndcode</c>), each released before the next.</summary>
    public Task SendDtmfAsync(string digits) => _process.WriteLineAsync($"/sndcode {digits}");

    /// <summary>Hangs up the current call (<c>/hangup</c>): BYE when established, CANCEL while ringing out.</summary>
    public Task HangupAsync() => _process.WriteLineAsync("/hangup");

    /// <summary>Waits for a provisional response to our call (e.g. 180 Ringing) and returns its line.</summary>
    public Task<string> WaitForProgressAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        NextAsync(nameof(WaitForProgressAsync), line => line.Contains(ProgressMarker, StringComparison.Ordinal), timeout, cancellationToken);

    /// <summary>Waits for an incoming call (ringing, or being answered in auto-answer mode) and returns its line.</summary>
    public Task<string> WaitForIncomingAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        NextAsync(nameof(WaitForIncomingAsync), IsIncoming, timeout, cancellationToken);

    /// <summary>Waits until a call is established (200 OK and ACK exchanged) and returns its line.</summary>
    public Task<string> WaitForEstablishedAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        NextAsync(nameof(WaitForEstablishedAsync), line => line.Contains(EstablishedMarker, StringComparison.Ordinal), timeout, cancellationToken);

    /// <summary>
    /// Waits until a call ends, by either side or by failure, and returns its line: on our hang-up baresip
    /// prints "call: terminate call …" as it sends the BYE (or CANCEL); after the far end's BYE or a failure
    /// response it prints "session closed: &lt;reason&gt;" (a BYE shows as "Connection reset by peer", a
    /// rejection as its status line).
    /// </summary>
    public Task<string> WaitForClosedAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        NextAsync(nameof(WaitForClosedAsync), IsClosed, timeout, cancellationToken);

    /// <summary>Asks baresip to quit, kills it if it does not within a few seconds, and deletes its configuration.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.WriteLineAsync("/quit");
            }
            catch (IOException)
            {
                // It closed its standard input on the way out; the wait below still applies.
            }
            await _process.WaitForExitAsync(QuitTimeout);
        }
        await _process.DisposeAsync();
        try
        {
            _configDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does no harm.
        }
    }

    private static bool IsIncoming(string line) =>
        line.Contains(IncomingManualMarker, StringComparison.Ordinal) || line.Contains(IncomingAutoMarker, StringComparison.Ordinal);

    private static bool IsClosed(string line) =>
        line.Contains(RemoteClosedMarker, StringComparison.Ordinal) || line.Contains(LocalClosedMarker, StringComparison.Ordinal);

    private async Task<string> NextAsync(string kind, Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int from;
        lock (_cursors) from = _cursors.GetValueOrDefault(kind);
        var (index, line) = await _process.WaitForLineAsync(match, from, timeout, cancellationToken);
        lock (_cursors) _cursors[kind] = Math.Max(_cursors.GetValueOrDefault(kind), index + 1);
        return line;
    }
}
