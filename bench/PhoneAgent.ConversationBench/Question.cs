using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Tts.Flite;

namespace PhoneAgent.ConversationBench;

/// <summary>A caller question from the default script's topics, voiced for the wire.</summary>
/// <param name="Text">What the caller says.</param>
/// <param name="Pcm8k">The question as 8 kHz audio, ready for <c>CallerMedia.Say</c>.</param>
internal sealed record Question(string Text, short[] Pcm8k)
{
    // One question per topic of sip-config/agents/default.yaml that keeps the call going (hours, address, orders),
    // worded with several of each intent's keywords, since pocketsphinx misses words. None may hit the "person"
    // intent (a transfer) or the goodbye, which would end the call.
    private static readonly string[] Texts =
    [
        "What time do you open tomorrow morning?",
        "Where is your shop located?",
        "How much does a birthday cake cost?",
        "Are you open on Sunday?",
        "Is there parking near the store?",
        "Can I order a wedding cake?",
        "When do you close today?",
        "What is your address?",
    ];

    /// <summary>
    /// Voices every question with flite in <paramref name="voice"/>, which should differ from the bot's voice (slt)
    /// so that the recogniser hears another speaker, and brings it to the 8 kHz of a PCMU call.
    /// </summary>
    public static async Task<IReadOnlyList<Question>> SynthesizeAllAsync(string voice)
    {
        var tts = new FliteTextToSpeech(voice);
        var questions = new List<Question>();
        foreach (var text in Texts)
        {
            var pcm16k = new List<short>();
            await foreach (var chunk in tts.SynthesizeAsync(text, CancellationToken.None)) pcm16k.AddRange(chunk);
            questions.Add(new Question(text, Halve(pcm16k.ToArray())));
        }

        return questions;
    }

    // 16 kHz to 8 kHz: a 63-tap Blackman-windowed sinc low-pass at 3.6 kHz, then every other sample. The product's
    // resamplers are internal to their assemblies, and the caller's audio only has to be clean telephone speech.
    private static short[] Halve(short[] pcm16k)
    {
        const int taps = 63;
        const double cutoff = 3600.0 / PipelineAudio.SampleRate;
        var h = new double[taps];
        for (var i = 0; i < taps; i++)
        {
            var m = i - (taps / 2);
            var sinc = m == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            var window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * i / (taps - 1))) + (0.08 * Math.Cos(4 * Math.PI * i / (taps - 1)));
            h[i] = sinc * window;
        }

        var output = new short[pcm16k.Length / 2];
        for (var n = 0; n < output.Length; n++)
        {
            var sum = 0.0;
            for (var k = 0; k < taps; k++)
            {
                var j = (2 * n) - k + (taps / 2);
                if (j >= 0 && j < pcm16k.Length) sum += h[k] * pcm16k[j];
            }

            output[n] = (short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue);
        }

        return output;
    }
}
