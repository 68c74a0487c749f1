using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>Checks the baresip harness against sipp, in both directions.</summary>
public sealed class BaresipRunnerTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task DialsSippAndHangsUp(PeerTransport transport)
    {
        await using var callee = await SippRunner.StartAsync(
            new SippOptions { ScenarioFile = SippScenarios.UasAnswer, Transport = transport, Calls = 1, Timeout = TimeSpan.FromSeconds(8) });
        await using var phone = await BaresipRunner.StartAsync();

        await phone.DialAsync(callee.Uri());
        await phone.WaitForEstablishedAsync(EventTimeout);
        await phone.HangupAsync();
        var closed = await phone.WaitForClosedAsync(EventTimeout);
        var result = await callee.WaitForExitAsync();

        Assert.Contains("terminate call", closed);
        Assert.True(result.Succeeded(expectedCalls: 1), result.Describe() + "\n--- baresip ---\n" + phone.Output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnswersSippCall(bool autoAnswer)
    {
        await using var phone = await BaresipRunner.StartAsync(new BaresipOptions { AutoAnswer = autoAnswer });
        await using var caller = await SippRunner.StartAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.BasicCall,
            Target = new System.Net.IPEndPoint(FreePort.Loopback, phone.SipPort),
            Service = "peer",
            Pause = TimeSpan.FromMilliseconds(300),
            Timeout = TimeSpan.FromSeconds(8),
        });

        await phone.WaitForIncomingAsync(EventTimeout);
        if (!autoAnswer) await phone.AcceptAsync();
        await phone.WaitForEstablishedAsync(EventTimeout);
        var closed = await phone.WaitForClosedAsync(EventTimeout);
        var result = await caller.WaitForExitAsync();

        Assert.Contains("session closed", closed);
        Assert.True(result.Succeeded(expectedCalls: 1), result.Describe() + "\n--- baresip ---\n" + phone.Output);
    }

    [Fact]
    public async Task PlaysAWavFileAndRecordsTheCall()
    {
        var work = Directory.CreateTempSubdirectory("phoneagent-baresip-test-");
        try
        {
            var wav = Path.Combine(work.FullName, "tone.wav");
            WriteTone(wav, sampleRate: 8000, seconds: 0.5);
            var recordings = work.CreateSubdirectory("recordings");
            // The callee holds the call for 300 ms and hangs up, so audio surely flowed before the end.
            await using var callee = await SippRunner.StartAsync(new SippOptions
            {
                ScenarioFile = SippScenarios.PeerBye,
                Calls = 1,
                Pause = TimeSpan.FromMilliseconds(300),
                Timeout = TimeSpan.FromSeconds(8),
            });
            await using (var phone = await BaresipRunner.StartAsync(
                new BaresipOptions { AudioSourceWav = wav, RecordDirectory = recordings.FullName, AudioCodecs = ["PCMU"] }))
            {
                await phone.DialAsync(callee.Uri());
                await phone.WaitForEstablishedAsync(EventTimeout);
                Assert.Contains("session closed", await phone.WaitForClosedAsync(EventTimeout));
            }
            Assert.True((await callee.WaitForExitAsync()).Succeeded(expectedCalls: 1));

            var sent = Assert.Single(recordings.GetFiles("dump-*-enc.wav"));
            Assert.True(sent.Length > 44, "the recording of what baresip sent holds no audio");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // A mono 16-bit PCM WAV file with a 440 Hz tone.
    private static void WriteTone(string path, int sampleRate, double seconds)
    {
        var samples = new short[(int)(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate));
        WavFile.Write(path, sampleRate, samples);
    }
}
