using System.Collections.Concurrent;
using System.Diagnostics;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.SphinxBench;

/// <summary>
/// Concurrent calls through the product's own streams (PocketSphinxStream), fed in real time: the CPU a second of
/// speech costs with the streams' scheduling, partial hypotheses and result delivery, and how long each utterance's
/// final result takes after its Flush — the part of a turn's voice-to-voice latency that recognition adds when
/// many calls decode at once.
/// </summary>
internal static class StreamLoad
{
    /// <summary>
    /// The process's CPU seconds per second of audio while <paramref name="calls"/> streams decode, and the time
    /// from each Flush to its final result, sorted.
    /// </summary>
    public static async Task<(double CpuPerAudioSecond, double[] FinalMilliseconds)> RunAsync(ISpeechToText engine, IReadOnlyList<short[]> utterances, int calls, int framesPerPost, TimeSpan duration)
    {
        var options = new SpeechStreamOptions(InputBandwidth.Narrowband, []);
        var streams = Enumerable.Range(0, calls).Select(_ => engine.CreateStream(options)).ToList();
        var flushed = streams.Select(_ => new ConcurrentQueue<long>()).ToArray();
        var finals = new ConcurrentBag<double>();
        var readers = streams.Select((s, i) => Task.Run(async () =>
        {
            await foreach (var result in s.Results)
            {
                if (result.IsFinal && flushed[i].TryDequeue(out var at)) finals.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
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
                flushed[i].Enqueue(Stopwatch.GetTimestamp());
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
        return (cpu.TotalSeconds / (calls * steps * period.TotalSeconds), [.. finals.Order()]);
    }
}
