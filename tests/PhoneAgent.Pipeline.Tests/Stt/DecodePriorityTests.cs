using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>
/// pocketsphinx decodes below the media clock's priority, and only its own threads do: Linux threads inherit their
/// creator's nice value, so a decoding thread that queued thread-pool work could leave the pool's new workers lowered.
/// The decoding threads are shared by all streams (<c>DecodingWorkers</c>): one per core for each configured increment.
/// </summary>
public sealed class DecodePriorityTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Decoding_threads_run_at_the_configured_increment_and_no_other_thread_is_lowered()
    {
        var process = CurrentThreadNice();
        using var engine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default with { DecodeNice = 7 });
        var clip = SpeechClips.Read("goforward.wav").Samples;
        var streams = Enumerable.Range(0, 4).Select(_ => engine.CreateStream(SpeechStreamOptions.Default)).ToList();
        try
        {
            var readings = streams.Select(s => Transcriber.Collect(s, new CancellationTokenSource(TestTimeout).Token)).ToList();
            foreach (var stream in streams) stream.PushFrame(clip);

            // The four streams share one worker per core, lowered by the engine's increment.
            var decoding = Threads().Where(t => t.Name == "pocketsphinx+7").ToList();
            Assert.Equal(Environment.ProcessorCount, decoding.Count);
            Assert.All(decoding, t => Assert.Equal(Math.Min(19, process + 7), t.Nice));

            foreach (var stream in streams)
            {
                stream.Flush();
                stream.EndInput();
            }

            foreach (var reading in readings) Assert.Contains("forward", (await reading)[^1].Text);

            // Workers of other increments (other tests' engines) live on in the process: each at its own increment.
            var lowered = Threads().Where(t => t.Nice != process && (!IsWorker(t.Name, out var nice) || t.Nice != Math.Min(19, process + nice))).ToList();
            Assert.True(lowered.Count == 0, $"lowered: {string.Join(", ", lowered)}");
        }
        finally
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }

    [Fact]
    public async Task Nice_zero_leaves_decoding_at_the_process_priority()
    {
        using var engine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default with { DecodeNice = 0 });
        await using var stream = engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);
        stream.PushFrame(SpeechClips.Read("goforward.wav").Samples);
        var process = CurrentThreadNice();
        Assert.All(Threads().Where(t => t.Name == "pocketsphinx+0"), t => Assert.Equal(process, t.Nice));
        Assert.Equal(Environment.ProcessorCount, Threads().Count(t => t.Name == "pocketsphinx+0"));
        stream.Flush();
        stream.EndInput();
        Assert.Contains("forward", (await reading)[^1].Text);
    }

    private static bool IsWorker(string name, out int nice)
    {
        nice = 0;
        return name.StartsWith("pocketsphinx+", StringComparison.Ordinal) && int.TryParse(name["pocketsphinx+".Length..], out nice);
    }

    private static int CurrentThreadNice() => Stat("/proc/thread-self/stat")!.Value.Nice;

    /// <summary>The process's threads by name (comm) and nice value, from /proc (proc(5): nice is field 19).</summary>
    private static List<(string Name, int Nice)> Threads() =>
        Directory.EnumerateDirectories("/proc/self/task").Select(d => Stat(Path.Combine(d, "stat"))).OfType<(string, int)>().ToList();

    private static (string Name, int Nice)? Stat(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the thread ended between listing and reading
        }

        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state), so field 19 (nice) is fields[16].
        return (text[(open + 1)..close], int.Parse(fields[16]));
    }
}
