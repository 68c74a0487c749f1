using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Host;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;

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
            var agent = new SipUserAgent(options, new MediaCallHandler(settings, TimeProvider.System, NullLoggerFactory.Instance), NullLoggerFactory.Instance, TimeProvider.System);
            try
            {
                agent.Start();
                await using var phone = await BaresipRunner.StartAsync(new BaresipOptions { AudioCodecs = [codec], RecordDirectory = heard.FullName });
                await phone.DialAsync($"sip:bot@127.0.0.1:{agent.Port};transport=udp");
                await phone.WaitForEstablishedAsync(EventTimeout);

                // Wait for audio, not for time: until the recording's header says two seconds are on disk.
                using var timeout = new CancellationTokenSource(EventTimeout);
                while (FlushedSeconds(work) < 2) await Task.Delay(50, timeout.Token);
                await phone.HangupAsync();
                await phone.WaitForClosedAsync(EventTimeout);
            }
            finally
            {
                // Waits for the call handler, which closes the recording.
                await agent.DisposeAsync();
            }

            var samples = ReadStereo(Assert.Single(work.GetFiles("*.wav")).FullName);
            var (left, right) = (samples.Left[^16000..], samples.Right[^16000..]);
            Assert.True(ToneRatio(left, 440) > 0.8, $"caller channel: {ToneRatio(left, 440):F2} of the energy at 440 Hz");
            Assert.True(ToneRatio(right, 440) > 0.8, $"bot channel: {ToneRatio(right, 440):F2} of the energy at 440 Hz");

            // sndfile writes what the phone encoded and what it decoded; the decoded file is the bot's audio.
            var decoded = heard.GetFiles("*dec*.wav");
            Assert.True(decoded.Length == 1, "baresip recordings: " + string.Join(", ", heard.GetFiles().Select(f => f.Name)));
            var (rate, mono) = ReadMono(decoded[0].FullName);
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

    private static (short[] Left, short[] Right) ReadStereo(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var frames = (bytes.Length - 44) / 4;
        var left = new short[frames];
        var right = new short[frames];
        for (var i = 0; i < frames; i++)
        {
            left[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (4 * i)));
            right[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(46 + (4 * i)));
        }

        return (left, right);
    }

    // A 16-bit mono WAV, walking the RIFF chunks (libsndfile may write more than the 44-byte canonical header).
    private static (int Rate, short[] Samples) ReadMono(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var rate = 0;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            if (id == "fmt ") rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12));
            if (id == "data")
            {
                var length = Math.Min(size, bytes.Length - at - 8) / 2;
                var samples = new short[length];
                for (var i = 0; i < length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 8 + (2 * i)));
                return (rate, samples);
            }
            at += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path} has no data chunk");
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
