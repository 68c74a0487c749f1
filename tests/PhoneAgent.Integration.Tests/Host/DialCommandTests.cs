using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PhoneAgent.Host.CallRecords;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// <c>phoneagent dial</c> as a process against sipp callees: a digest challenge then an answer (the bot's spoken
/// greeting must reach the callee's RTP socket), and a busy callee (non-zero exit naming the status).
/// </summary>
[Collection(HostProcessCollection.Name)]
public sealed class DialCommandTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // 20 ms of PCMU whose RMS passes this is speech, not the near-silence of an idle bot (about 0-10).
    private const double SpeechRms = 300;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("phoneagent-dial-");

    [Fact]
    public async Task Dial_answers_the_challenge_speaks_the_greeting_and_exits_0_when_the_callee_hangs_up()
    {
        using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var rtpPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        await using var callee = await SippRunner.StartAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.Of("peers/dial-auth-uas.xml"),
            Pause = TimeSpan.FromSeconds(4),
            Timeout = Bound,
            ExtraArguments = ["-set", "rtpport", rtpPort.ToString(CultureInfo.InvariantCulture)],
        });
        using var listening = new CancellationTokenSource(Bound);
        var heard = ListenAsync(rtp, listening.Token);

        var (code, stdout, stderr) = await HostProcess.RunAsync(
            ["dial", $"sip:callee@127.0.0.1:{callee.SipPort}", "--username", "dialer", "--password", "s3cret", .. HostArguments()],
            _work.FullName);

        Assert.True(code == 0, $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        // The callee's scenario fails the call unless the second INVITE's credentials verified.
        var result = await callee.WaitForExitAsync();
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.Contains("Answered: Call-ID", stdout, StringComparison.Ordinal);
        Assert.Contains("Call ended: RemoteHangup", stdout, StringComparison.Ordinal);

        await listening.CancelAsync();
        var (packets, speech) = await heard;
        // Four seconds of call at 50 packets a second, and the greeting is several seconds of speech.
        Assert.True(packets >= 150, $"{packets} RTP packets reached the callee");
        Assert.True(speech >= 50, $"only {speech} of {packets} packets held speech");

        var record = CallRecordWriter.Read(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(_work.FullName, "calls"))), CallRecordWriter.FileName));
        Assert.Equal("outbound", record.Direction);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal("RemoteHangup", record.HangupCause);
        Assert.StartsWith("sip:callee@127.0.0.1", record.Callee, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dial_to_a_busy_callee_exits_non_zero_naming_the_status()
    {
        await using var callee = await SippRunner.StartAsync(new SippOptions { ScenarioFile = SippScenarios.Of("peers/busy-uas.xml"), Timeout = Bound });
        var (code, stdout, stderr) = await HostProcess.RunAsync(["dial", $"sip:callee@127.0.0.1:{callee.SipPort}", .. HostArguments()], _work.FullName);
        Assert.True(code == 4, $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains("486 Busy Here", stderr, StringComparison.Ordinal);
        var result = await callee.WaitForExitAsync();
        Assert.True(result.Succeeded(1), result.Describe());
    }

    [Fact]
    public async Task Dial_rejects_a_target_that_is_not_a_sip_uri()
    {
        var (code, _, stderr) = await HostProcess.RunAsync(["dial", "alice at home"], _work.FullName);
        Assert.Equal(1, code);
        Assert.Contains("is not a SIP URI", stderr, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose() => _work.Delete(recursive: true);

    private static string[] HostArguments() =>
    [
        "--Sip:ListenAddress=127.0.0.1", "--Sip:Port=0", "--Sip:RtpPortMin=30000", "--Sip:RtpPortMax=39999",
        "--Http:Urls=http://127.0.0.1:0", "--CallRecords:Folder=calls",
    ];

    /// <summary>Counts RTP packets and those whose PCMU payload is loud enough to be speech, until cancelled.</summary>
    private static async Task<(int Packets, int Speech)> ListenAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        var pcm = new short[1024];
        var (packets, speech) = (0, 0);
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                // A 12-byte RTP header without CSRCs or extension; payload type 0 is PCMU (RFC 3551).
                if (n <= 12 || (buffer[1] & 0x7F) != 0) continue;
                packets++;
                var samples = MuLaw.Decode(buffer.AsSpan(12, n - 12), pcm);
                double sum = 0;
                for (var i = 0; i < samples; i++) sum += (double)pcm[i] * pcm[i];
                if (Math.Sqrt(sum / samples) > SpeechRms) speech++;
            }
        }
        catch (OperationCanceledException)
        {
            return (packets, speech);
        }
    }
}
