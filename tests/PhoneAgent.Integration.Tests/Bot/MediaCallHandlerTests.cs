using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Host;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// A real softphone sends a 440 Hz tone to the bot, which echoes it back and records both directions; the phone
/// records what it hears (baresip's sndfile), so the bot's paced send path is checked at the far end too.
/// </summary>
[Collection(PhoneAgent.Integration.Tests.Media.RealTimeMediaCollection.Name)]
public sealed class MediaCallHandlerTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("PCMU")]
    [InlineData("PCMA")]
    public async Task The_callers_tone_is_recorded_on_the_left_and_its_echo_on_the_right(string codec)
    {
        var work = Directory.CreateTempSubdirectory("phoneagent-media-");
        var heard = Directory.CreateTempSubdirectory("phoneagent-heard-");
        try
        {
            var settings = new MediaSettings { RecordingsFolder = work.FullName, Echo = true };
            var options = new SipUserAgentOptions { ListenAddress = IPAddress.Loopback, Port = 0, RingingTime = TimeSpan.Zero, RtpPortMin = 40000, RtpPortMax = 44999 };
            using var handler = new MediaCallHandler(settings, TimeProvider.System, NullLoggerFactory.Instance);
            var agent = new SipUserAgent(options, handler, NullLoggerFactory.Instance, TimeProvider.System);
            try
            {
                agent.Start();
                await using var phone = await BaresipRunner.StartAsync(new BaresipOptions { AudioCodecs = [codec], RecordDirectory = heard.FullName });
                await phone.DialAsync($"sip:bot@127.0.0.1:{agent.Port};transport=udp");
                await phone.WaitForEstablishedAsync(EventTimeout);

                // Wait for audio, not for time: until the recording's header says three seconds are on disk. The
                // last second is judged; the first media session of a test process starts cold (JIT) and may skip
                // ticks in its first second, which the media clock does by design rather than build up latency.
                using var timeout = new CancellationTokenSource(EventTimeout);
                while (FlushedSeconds(work) < 3) await Task.Delay(50, timeout.Token);
                await phone.HangupAsync();
                await phone.WaitForClosedAsync(EventTimeout);
            }
            finally
            {
                // Waits for the call handler, which closes the recording.
                await agent.DisposeAsync();
            }

            var (_, channels, recorded) = WavFile.Read(Assert.Single(work.GetFiles("*.wav")).FullName);
            var (left, right) = (WavFile.Channel(recorded, channels, 0)[^16000..], WavFile.Channel(recorded, channels, 1)[^16000..]);
            Assert.True(ToneRatio(left, 440) > 0.8, $"caller channel: {ToneRatio(left, 440):F2} of the energy at 440 Hz");
            Assert.True(ToneRatio(right, 440) > 0.8, $"bot channel: {ToneRatio(right, 440):F2} of the energy at 440 Hz");

            // sndfile writes what the phone encoded and what it decoded; the decoded file is the bot's audio.
            var decoded = heard.GetFiles("*dec*.wav");
            Assert.True(decoded.Length == 1, "baresip recordings: " + string.Join(", ", heard.GetFiles().Select(f => f.Name)));
            var (rate, _, mono) = WavFile.Read(decoded[0].FullName);
            var lastSecond = mono[^rate..];
            Assert.True(ToneRatio(lastSecond, 440, rate) > 0.8, $"phone heard {ToneRatio(lastSecond, 440, rate):F2} of the energy at 440 Hz");
        }
        finally
        {
            work.Delete(recursive: true);
            heard.Delete(recursive: true);
        }
    }

    private static double FlushedSeconds(DirectoryInfo folder)
    {
        var file = folder.GetFiles("*.wav").FirstOrDefault();
        if (file is null) return 0;
        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> header = stackalloc byte[44];
        return stream.Length < 44 || stream.Read(header) < 44 ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(header[40..]) / 64000.0;
    }

    // The share of the signal's energy in the DFT bin at `frequency` and its two neighbours (a one-second window).
    private static double ToneRatio(short[] samples, double frequency, int sampleRate = 16000)
    {
        double total = 0;
        foreach (var s in samples) total += (double)s * s;
        if (total == 0) return 0;
        double tone = 0;
        for (var bin = frequency - 1; bin <= frequency + 1; bin++)
        {
            double re = 0, im = 0;
            for (var n = 0; n < samples.Length; n++)
            {
                var phase = 2 * Math.PI * bin * n / sampleRate;
                re += samples[n] * Math.Cos(phase);
                im -= samples[n] * Math.Sin(phase);
            }

            tone += 2 * ((re * re) + (im * im)) / samples.Length;
        }

        return tone / total;
    }
}
