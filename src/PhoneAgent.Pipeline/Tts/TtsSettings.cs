using PhoneAgent.Pipeline.Tts.OpenAi;

namespace PhoneAgent.Pipeline.Tts;

/// <summary>The "Tts" configuration section: which synthesiser speaks for the bot, and in which voice.</summary>
public sealed class TtsSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Tts";

    /// <summary>The engine: "flite" (default), "espeak" or "openai".</summary>
    public string Engine { get; set; } = "flite";

    /// <summary>
    /// The voice, in the engine's own naming: a flite voice (slt, kal, kal16, rms, awb; default slt), an eSpeak NG
    /// voice or language (default en-us) or an OpenAI voice (default alloy). Empty selects the engine's default.
    /// </summary>
    public string? Voice { get; set; }

    /// <summary>
    /// Megabytes of synthesised audio kept for texts spoken again (see <see cref="CachingTextToSpeech"/>); 0 keeps
    /// none. 32 MB hold about 17 minutes of 16 kHz audio: every line of a scripted agent many times over.
    /// </summary>
    public int CacheMegabytes { get; set; } = 32;

    /// <summary>Settings used when <see cref="Engine"/> is "openai".</summary>
    public OpenAiTtsSettings OpenAi { get; set; } = new();

    /// <summary>The parsed <see cref="Engine"/>.</summary>
    /// <exception cref="ConfigurationException">The value names no engine.</exception>
    public TtsEngine ParseEngine() => Engine?.Trim().ToLowerInvariant() switch
    {
        "flite" => TtsEngine.Flite,
        "espeak" or "espeak-ng" => TtsEngine.Espeak,
        "openai" => TtsEngine.OpenAi,
        _ => throw new ConfigurationException($"{Section}:{nameof(Engine)}", $"'{Engine}' is not one of flite, espeak, openai"),
    };
}
