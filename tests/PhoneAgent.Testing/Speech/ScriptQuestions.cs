using PhoneAgent.Pipeline.Tts.Flite;

namespace PhoneAgent.Testing.Speech;

/// <summary>
/// Questions to sip-config/agents/default.yaml and the flite voices that ask them, for the script model's tests and
/// bench/PhoneAgent.SphinxBench.
/// </summary>
public static class ScriptQuestions
{
    /// <summary>
    /// The bench/conversation questions (bench/PhoneAgent.ConversationBench/Question.cs) plus one for each intent they
    /// leave out, with the intent a perfect recogniser would reach.
    /// </summary>
    public static IReadOnlyList<(string Text, string Intent)> All { get; } =
    [
        ("What time do you open tomorrow morning?", "hours"),
        ("Where is your shop located?", "address"),
        ("How much does a birthday cake cost?", "orders"),
        ("Are you open on Sunday?", "hours"),
        ("Is there parking near the store?", "address"),
        ("Can I order a wedding cake?", "orders"),
        ("When do you close today?", "hours"),
        ("What is your address?", "address"),
        ("Can I speak to a person please?", "person"),
        ("What are your opening hours?", "hours"),
        ("Do you deliver cakes for a party?", "orders"),
        ("No thanks, that's all. Goodbye.", "goodbye"),
    ];

    /// <summary>Flite's voices but the bot's own (slt); kal is its 8 kHz diphone voice, the hardest to recognise.</summary>
    public static IReadOnlyList<string> Voices { get; } = ["kal16", "rms", "awb", "kal"];

    /// <summary>Every question in every voice, as flite speaks it at the pipeline's 16 kHz.</summary>
    public static async Task<IReadOnlyList<(string Voice, string Text, string Intent, short[] Pcm)>> VoiceAsync()
    {
        var voiced = new List<(string, string, string, short[])>();
        foreach (var voice in Voices)
        {
            var tts = new FliteTextToSpeech(voice);
            foreach (var (text, intent) in All)
            {
                var pcm = new List<short>();
                await foreach (var chunk in tts.SynthesizeAsync(text, CancellationToken.None)) pcm.AddRange(chunk);
                voiced.Add((voice, text, intent, [.. pcm]));
            }
        }

        return voiced;
    }
}
