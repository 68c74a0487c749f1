using PhoneAgent.Pipeline.Stt.PocketSphinx;

namespace PhoneAgent.Pipeline.Stt;

/// <summary>The "Stt" configuration section: which recognition engine the calls use.</summary>
public sealed class SttSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Stt";

    /// <summary>The engine: <c>pocketsphinx</c> (offline, the default) or <c>openai</c> (an OpenAI-compatible server).</summary>
    public string Engine { get; set; } = SpeechToTextFactory.PocketSphinxEngine;

    /// <summary>The pocketsphinx model directory, laid out like Debian's pocketsphinx-en-us package.</summary>
    public string ModelDirectory { get; set; } = PocketSphinxOptions.DefaultModelDirectory;

    /// <summary>
    /// How much pocketsphinx's decoding threads add to the process's Linux nice value (0–19), so decoding yields to
    /// the calls' media clock; 0 runs them at the process's priority.
    /// </summary>
    public int DecodeNice { get; set; } = PocketSphinxOptions.DefaultDecodeNice;

    /// <summary>
    /// What pocketsphinx searches: <c>script</c> (the default) builds a small model from the scripted agent's words,
    /// <c>full</c> keeps the model directory's 130k-word trigram model. Agents without a closed vocabulary (openai)
    /// always get the full model.
    /// </summary>
    public string Vocabulary { get; set; } = SpeechToTextFactory.ScriptVocabulary;

    /// <summary>
    /// pocketsphinx decoder arguments (<c>-name value</c> pairs) that replace or add to the product's, to trade word
    /// errors for CPU per call: e.g. <c>-ds 2 -topn 3</c> scores the acoustic model on every other frame against
    /// fewer Gaussians (docs/PERFORMANCE.md, "pocketsphinx's CPU per second of speech"). Empty by default. The model
    /// files come from <see cref="ModelDirectory"/> and <see cref="Vocabulary"/> and cannot be set here.
    /// </summary>
    public string DecoderArguments { get; set; } = string.Empty;

    /// <summary>The OpenAI-compatible server, used when <see cref="Engine"/> is <c>openai</c>.</summary>
    public SttOpenAiSettings OpenAi { get; set; } = new();
}
