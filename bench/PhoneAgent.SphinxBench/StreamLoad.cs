using System.Diagnostics;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.SphinxBench;

/// <summary>
/// Concurrent calls through the product's own streams (PocketSphinxStream: a decoding thread per call, woken by each
/// post), fed in real time, to measure what posting audio in larger chunks saves: fewer wake-ups and partial
/// hypotheses per second of speech.
/// </summary>
internal static class StreamLoad
{
    /// <summary>The process's CPU seconds per second of audio while <paramref name="calls"/> streams decode.</summary>
    public static async Task<double> RunAsync(ISpeechToText engine, IReadOnlyList<short[]> utterances, int calls, int framesPerPost, TimeSpan duration)
    {
        var options = new SpeechStreamOptions(InputBandwidth.Narrowband, []);
        var streams = Enumerable.Range(0, calls).Select(_ => engine.CreateStream(options)).ToList();
        var readers = streams.Select(s => Task.Run(async () =>
        {
            await foreach (var _ in s.Results)
            {
            }
        })).ToList();

        // Each call starts at a different question, so the calls' utterances end at different ticks.
        var utterance = Enumerable.Range(0, calls).Select(i => i * utterances.Count / calls).ToArray();
        var offset = new int[calls];
        var chunk = PipelineAudio.FrameSamples * framesPerPost;
        var period = TimeSpan.FromMilliseconds(20 * framesPerPost);
        var steps = (int)(duration / period);
        using var process = Process.GetCurrentProcess();
        using var timer = new PeriodicTimer(period, TimeProvider.System);
        process.Refresh();
        var start = process.TotalProcessorTime;
        for (var step = 0; step < steps; step++)
        {
            await timer.WaitForNextTickAsync();
            for (var i = 0; i < calls; i++)
            {
                var pcm = utterances[utterance[i]];
                var length = Math.Min(chunk, pcm.Length - offset[i]);
                streams[i].PushFrame(pcm.AsSpan(offset[i], length));
                offset[i] += length;
                if (offset[i] < pcm.Length) continue;
                streams[i].Flush();
                utterance[i] = (utterance[i] + 1) % utterances.Count;
                offset[i] = 0;
            }
        }

        foreach (var stream in streams) stream.EndInput();
        await Task.WhenAll(readers);
        process.Refresh();
        var cpu = process.TotalProcessorTime - start;
        foreach (var stream in streams) await stream.DisposeAsync();
        return cpu.TotalSeconds / (calls * steps * period.TotalSeconds);
    }
}
