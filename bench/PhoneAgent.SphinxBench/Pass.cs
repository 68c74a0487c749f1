using System.Diagnostics;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt.PocketSphinx;

namespace PhoneAgent.SphinxBench;

/// <summary>Decoders over a list of utterances, one after another as a pooled decoder serves calls.</summary>
internal sealed record Pass(IReadOnlyList<string> Finals, double CpuPerAudioSecond)
{
    /// <summary>A pass not run: no transcripts, no CPU figure.</summary>
    public static Pass Skipped { get; } = new([], double.NaN);

    /// <summary>
    /// One decoder over <paramref name="utterances"/>, <paramref name="framesPerDecode"/> 20 ms frames a step, with
    /// the CPU and audio of only the <paramref name="counted"/> ones (all when null) in the figure.
    /// </summary>
    public static Pass Run(PocketSphinxOptions options, InputBandwidth bandwidth, IReadOnlyList<short[]> utterances, int framesPerDecode, IReadOnlyList<bool>? counted = null)
    {
        using var decoder = PocketSphinxDecoder.Load(options, bandwidth);
        using var process = Process.GetCurrentProcess();
        var lane = new Lane(decoder, utterances);
        var chunk = PipelineAudio.FrameSamples * framesPerDecode;
        long samples = 0;
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < utterances.Count; i++)
        {
            process.Refresh();
            var start = process.TotalProcessorTime;
            while (lane.Finals.Count == i) lane.Step(chunk);
            process.Refresh();
            if (counted?[i] ?? true)
            {
                cpu += process.TotalProcessorTime - start;
                samples += utterances[i].Length;
            }
        }

        return new Pass(lane.Finals, cpu.TotalSeconds / (samples / (double)PipelineAudio.SampleRate));
    }

    /// <summary>
    /// <paramref name="calls"/> decoders on this one thread, a step of each in turn as a host's decoding threads take
    /// turns on a core, each through the utterances from a different starting point; the transcripts are the first
    /// one's (the same order as <see cref="Run"/>), the figure is all of their CPU over all of their audio.
    /// </summary>
    public static Pass RunInterleaved(PocketSphinxOptions options, InputBandwidth bandwidth, IReadOnlyList<short[]> utterances, int framesPerDecode, int calls)
    {
        var decoders = new List<PocketSphinxDecoder>();
        try
        {
            var lanes = new List<Lane>();
            for (var i = 0; i < calls; i++)
            {
                decoders.Add(PocketSphinxDecoder.Load(options, bandwidth));
                var shift = i * utterances.Count / calls;
                lanes.Add(new Lane(decoders[i], [.. utterances.Skip(shift), .. utterances.Take(shift)]));
            }

            using var process = Process.GetCurrentProcess();
            var chunk = PipelineAudio.FrameSamples * framesPerDecode;
            process.Refresh();
            var start = process.TotalProcessorTime;
            var busy = true;
            while (busy)
            {
                busy = false;
                foreach (var lane in lanes) busy |= lane.Step(chunk);
            }

            process.Refresh();
            var cpu = process.TotalProcessorTime - start;
            var samples = calls * utterances.Sum(u => (long)u.Length);
            return new Pass(lanes[0].Finals, cpu.TotalSeconds / (samples / (double)PipelineAudio.SampleRate));
        }
        finally
        {
            foreach (var decoder in decoders) decoder.Dispose();
        }
    }
}
