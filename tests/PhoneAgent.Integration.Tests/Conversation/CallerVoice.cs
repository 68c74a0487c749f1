using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Tts.Flite;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Conversation;

/// <summary>
/// The caller's lines, synthesised by flite in a male voice (awb) unlike the bot's (slt), so the bot's recogniser
/// hears a different speaker from the one it talks with, at the 8 kHz a G.711 caller sends.
/// </summary>
internal static class CallerVoice
{
    private static readonly FliteTextToSpeech Voice = new("awb");

    public static async Task<short[]> SayAsync(string text)
    {
        var chunks = new List<short[]>();
        await foreach (var chunk in Voice.SynthesizeAsync(text, CancellationToken.None)) chunks.Add(chunk);
        return Telephone.Resample([.. chunks.SelectMany(c => c)], PipelineAudio.SampleRate, Telephone.SampleRate);
    }

    /// <summary>Silence at 8 kHz.</summary>
    public static short[] Pause(TimeSpan length) => new short[(int)(length.TotalSeconds * Telephone.SampleRate)];
}
