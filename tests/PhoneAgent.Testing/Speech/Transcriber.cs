using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Testing.Speech;

/// <summary>Feeds a clip to a stream in 20 ms frames, as the media engine does, and collects its events.</summary>
public static class Transcriber
{
    // Generous: decoding runs at about half real time, but the build machine's cores are shared.
    public static async Task<IReadOnlyList<SpeechEvent>> RunAsync(ISpeechToText engine, short[] pcm, SpeechStreamOptions options)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await using var stream = engine.CreateStream(options);
        var reading = Collect(stream, timeout.Token);
        for (var offset = 0; offset < pcm.Length; offset += PipelineAudio.FrameSamples)
        {
            stream.PushFrame(pcm.AsSpan(offset, Math.Min(PipelineAudio.FrameSamples, pcm.Length - offset)));
        }

        stream.Flush();
        stream.EndInput();
        return await reading;
    }

    public static async Task<IReadOnlyList<SpeechEvent>> Collect(ISpeechToTextStream stream, CancellationToken cancellation)
    {
        var events = new List<SpeechEvent>();
        await foreach (var e in stream.Results.WithCancellation(cancellation)) events.Add(e);
        return events;
    }
}
