using System.Buffers.Binary;
using System.Diagnostics;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Sip.Tests.Media.Session;

public sealed class StereoWavRecorderTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("phoneagent-wav-");

    [Fact]
    public void An_undisposed_recording_is_a_valid_file_up_to_the_last_flush_and_dispose_completes_it()
    {
        var path = Path.Combine(_directory.FullName, "call.wav");
        var caller = AudioSignals.Tone(440, 16000, 40000);
        var bot = AudioSignals.Tone(1000, 16000, 40000, amplitude: 8000);
        var recorder = new StereoWavRecorder(path);
        for (var offset = 0; offset < 40000; offset += 320)
        {
            recorder.WriteCaller(caller.AsSpan(offset, 320));
            recorder.WriteBot(bot.AsSpan(offset, 320));
        }

        // 2.5 s written, flushed each second: a reader (or a crash now) sees exactly 2 s.
        Assert.Equal(32000, recorder.FlushedFrames);
        var partial = ReadShared(path);
        Assert.Equal(32000 * 4, ParseHeader(partial));
        Assert.True(partial.Length >= 44 + (32000 * 4));
        Assert.Equal("2.000000", Sox("--i", "-D", path));

        recorder.Dispose();
        var complete = File.ReadAllBytes(path);
        Assert.Equal(40000 * 4, ParseHeader(complete));
        Assert.Equal(44 + (40000 * 4), complete.Length);
        for (var i = 0; i < 40000; i++)
        {
            Assert.Equal(caller[i], BinaryPrimitives.ReadInt16LittleEndian(complete.AsSpan(44 + (4 * i))));
            Assert.Equal(bot[i], BinaryPrimitives.ReadInt16LittleEndian(complete.AsSpan(46 + (4 * i))));
        }

        Assert.Equal("2.500000", Sox("--i", "-D", path));
        Assert.Equal("2", Sox("--i", "-c", path));
        Assert.Equal("16000", Sox("--i", "-r", path));
    }

    [Fact]
    public void A_silent_channel_is_padded_once_the_other_runs_a_second_ahead()
    {
        var path = Path.Combine(_directory.FullName, "one-sided.wav");
        using (var recorder = new StereoWavRecorder(path))
        {
            var frame = Enumerable.Repeat((short)1000, 320).ToArray();
            for (var i = 0; i < 100; i++) recorder.WriteCaller(frame);
            Assert.Equal(16000, recorder.FlushedFrames);
            recorder.WriteBot(frame);
        }

        var file = File.ReadAllBytes(path);
        Assert.Equal(32000 * 4, ParseHeader(file));
        Assert.Equal(0, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(46)));
        Assert.Equal(1000, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(44)));
        Assert.Equal(1000, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(46 + (4 * 16000))));
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    // Checks the fields of the canonical PCM header and returns the data chunk size.
    private static int ParseHeader(byte[] file)
    {
        Assert.Equal("RIFF"u8.ToArray(), file[..4]);
        Assert.Equal("WAVEfmt "u8.ToArray(), file[8..16]);
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(20)));
        Assert.Equal(2, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(22)));
        Assert.Equal(16000, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(34)));
        Assert.Equal("data"u8.ToArray(), file[36..40]);
        var data = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(40));
        Assert.Equal(data + 36, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4)));
        return data;
    }

    private static string Sox(params string[] arguments)
    {
        var start = new ProcessStartInfo("sox") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var sox = Process.Start(start) ?? throw new InvalidOperationException("sox did not start; scripts/setup.sh installs it");
        var output = sox.StandardOutput.ReadToEnd();
        var errors = sox.StandardError.ReadToEnd();
        sox.WaitForExit();
        Assert.True(sox.ExitCode == 0, $"sox exited with {sox.ExitCode}: {errors}");
        return output.Trim();
    }
}
