using PhoneAgent.Pipeline.Tts.Espeak;
using PhoneAgent.Pipeline.Tts.Flite;
using PhoneAgent.Pipeline.Tts.OpenAi;

namespace PhoneAgent.Pipeline.Tts;

/// <summary>Builds the configured <see cref="ITextToSpeech"/>.</summary>
public static class TextToSpeechFactory
{
    /// <summary>Validates <paramref name="settings"/> and creates the engine it names, loading native libraries now rather than on the first call.</summary>
    /// <exception cref="ConfigurationException">A setting is invalid; the exception names its key.</exception>
    /// <exception cref="TextToSpeechException">The engine's native library or data is missing.</exception>
    public static ITextToSpeech Create(TtsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var voice = string.IsNullOrWhiteSpace(settings.Voice) ? null : settings.Voice.Trim();
        var voiceKey = $"{TtsSettings.Section}:{nameof(TtsSettings.Voice)}";
        switch (settings.ParseEngine())
        {
            case TtsEngine.Flite:
                voice ??= FliteTextToSpeech.DefaultVoice;
                if (!FliteTextToSpeech.Voices.Contains(voice)) throw new ConfigurationException(voiceKey, $"'{voice}' is not a flite voice ({string.Join(", ", FliteTextToSpeech.Voices)})");
                return new FliteTextToSpeech(voice);
            case TtsEngine.Espeak:
                try
                {
                    return new EspeakTextToSpeech(voice ?? EspeakTextToSpeech.DefaultVoice);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigurationException(voiceKey, e.Message);
                }

            default:
                return CreateOpenAi(settings.OpenAi, voice ?? OpenAiTextToSpeech.DefaultVoice);
        }
    }

    /// <summary>
    /// <paramref name="engine"/> behind a <see cref="CachingTextToSpeech"/> of <see cref="TtsSettings.CacheMegabytes"/>,
    /// or <paramref name="engine"/> itself when that is 0.
    /// </summary>
    /// <exception cref="ConfigurationException">The cache size is negative or absurd; the exception names its key.</exception>
    public static ITextToSpeech WithCache(ITextToSpeech engine, TtsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.CacheMegabytes is < 0 or > 4096)
        {
            throw new ConfigurationException($"{TtsSettings.Section}:{nameof(TtsSettings.CacheMegabytes)}", $"{settings.CacheMegabytes} is outside 0-4096");
        }

        return settings.CacheMegabytes == 0 ? engine : new CachingTextToSpeech(engine, settings.CacheMegabytes * 1024L * 1024L);
    }

    private static OpenAiTextToSpeech CreateOpenAi(OpenAiTtsSettings settings, string voice)
    {
        var section = $"{TtsSettings.Section}:{nameof(TtsSettings.OpenAi)}";
        if (!Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException($"{section}:{nameof(OpenAiTtsSettings.BaseUrl)}", $"'{settings.BaseUrl}' is not an absolute http or https URL");
        }

        if (string.IsNullOrWhiteSpace(settings.ApiKey)) throw new ConfigurationException($"{section}:{nameof(OpenAiTtsSettings.ApiKey)}", "is empty (servers that ignore the key accept any non-empty value)");
        if (string.IsNullOrWhiteSpace(settings.Model)) throw new ConfigurationException($"{section}:{nameof(OpenAiTtsSettings.Model)}", "is empty");
        return new OpenAiTextToSpeech(baseUrl, settings.ApiKey, settings.Model, voice);
    }
}
