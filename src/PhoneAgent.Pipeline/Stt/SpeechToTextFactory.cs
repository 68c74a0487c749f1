using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Pipeline.Stt.OpenAi;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Pipeline.Threading;

namespace PhoneAgent.Pipeline.Stt;

/// <summary>Creates the <see cref="ISpeechToText"/> engine named by <see cref="SttSettings"/>.</summary>
public static class SpeechToTextFactory
{
    /// <summary>The <see cref="SttSettings.Engine"/> value for <see cref="PocketSphinxSpeechToText"/>.</summary>
    public const string PocketSphinxEngine = "pocketsphinx";

    /// <summary>The <see cref="SttSettings.Engine"/> value for <see cref="OpenAiSpeechToText"/>.</summary>
    public const string OpenAiEngine = "openai";

    /// <summary>The <see cref="SttSettings.Vocabulary"/> value for a model built from the agent's <see cref="SpeechVocabulary"/>.</summary>
    public const string ScriptVocabulary = "script";

    /// <summary>The <see cref="SttSettings.Vocabulary"/> value for the model directory's full language model.</summary>
    public const string FullVocabulary = "full";

    /// <summary>Validates <paramref name="settings"/> and creates the engine (pocketsphinx loads its model here).</summary>
    /// <param name="settings">The bound "Stt" section.</param>
    /// <param name="time">The OpenAI engine's clock.</param>
    /// <param name="loggers">Where the engines log.</param>
    /// <param name="vocabulary">The agent's closed vocabulary, or null; pocketsphinx searches only it when <see cref="SttSettings.Vocabulary"/> is <c>script</c>.</param>
    /// <exception cref="ConfigurationException">A setting is missing or invalid; <see cref="ConfigurationException.Key"/> names it.</exception>
    /// <exception cref="PocketSphinxException">The pocketsphinx library is missing or the model does not load.</exception>
    public static ISpeechToText Create(SttSettings settings, TimeProvider? time = null, ILoggerFactory? loggers = null, SpeechVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var useScript = settings.Vocabulary?.Trim().ToLowerInvariant() switch
        {
            ScriptVocabulary => true,
            FullVocabulary => false,
            _ => throw new ConfigurationException(
                Key(nameof(SttSettings.Vocabulary)),
                $"'{settings.Vocabulary}' is not a vocabulary; use '{ScriptVocabulary}' or '{FullVocabulary}'"),
        };
        return settings.Engine?.Trim().ToLowerInvariant() switch
        {
            PocketSphinxEngine => PocketSphinx(settings, useScript ? vocabulary : null, (loggers ?? NullLoggerFactory.Instance).CreateLogger<PocketSphinxSpeechToText>()),
            OpenAiEngine => new OpenAiSpeechToText(
                OpenAiSettingsFrom(settings.OpenAi),
                time,
                (loggers ?? NullLoggerFactory.Instance).CreateLogger<OpenAiSpeechToText>()),
            _ => throw new ConfigurationException(
                Key(nameof(SttSettings.Engine)),
                $"'{settings.Engine}' is not an engine; use '{PocketSphinxEngine}' or '{OpenAiEngine}'"),
        };
    }

    private static PocketSphinxSpeechToText PocketSphinx(SttSettings settings, SpeechVocabulary? vocabulary, ILogger logger)
    {
        var options = PocketSphinxOptionsFrom(settings);
        if (vocabulary is null) return new PocketSphinxSpeechToText(options);
        var engine = new PocketSphinxSpeechToText(options, vocabulary);
        logger.LogInformation("pocketsphinx searches a {Words}-word model built from the agent's script ({Key} = {Value})", engine.VocabularySize, Key(nameof(SttSettings.Vocabulary)), ScriptVocabulary);
        return engine;
    }

    private static PocketSphinxOptions PocketSphinxOptionsFrom(SttSettings settings)
    {
        var key = Key(nameof(SttSettings.ModelDirectory));
        if (string.IsNullOrWhiteSpace(settings.ModelDirectory)) throw new ConfigurationException(key, "is empty");
        if (settings.DecodeNice is < 0 or > ThreadNice.Max)
        {
            throw new ConfigurationException(Key(nameof(SttSettings.DecodeNice)), $"{settings.DecodeNice} is outside 0-{ThreadNice.Max} (an increment of the Linux nice value)");
        }

        var options = new PocketSphinxOptions(settings.ModelDirectory)
        {
            DecodeNice = settings.DecodeNice,
            ArgumentOverrides = DecoderArgumentsFrom(settings.DecoderArguments),
        };
        foreach (var path in new[] { options.LanguageModelPath, options.DictionaryPath })
        {
            if (!File.Exists(path)) throw new ConfigurationException(key, $"{path} does not exist");
        }

        if (!Directory.Exists(options.AcousticModelPath)) throw new ConfigurationException(key, $"{options.AcousticModelPath} does not exist");
        return options;
    }

    // The files a decoder loads follow from Stt:ModelDirectory and Stt:Vocabulary, and its log goes nowhere; letting
    // these be replaced here would make those settings lie.
    private static readonly string[] ReservedDecoderArguments = ["-hmm", "-lm", "-dict", "-logfn", "-jsgf", "-kws", "-keyphrase", "-fsg"];

    private static string[] DecoderArgumentsFrom(string? text)
    {
        var key = Key(nameof(SttSettings.DecoderArguments));
        var arguments = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Length == 0) return arguments;
        if (arguments.Length % 2 != 0) throw new ConfigurationException(key, $"'{text}' is not a list of -name value pairs");
        for (var i = 0; i < arguments.Length; i += 2)
        {
            var name = arguments[i];
            if (!name.StartsWith('-') || name.Length < 2) throw new ConfigurationException(key, $"'{name}' is not a decoder argument name (they start with '-')");
            if (ReservedDecoderArguments.Contains(name)) throw new ConfigurationException(key, $"{name} cannot be set here: the model comes from {Key(nameof(SttSettings.ModelDirectory))} and {Key(nameof(SttSettings.Vocabulary))}");
        }

        try
        {
            DecoderHandle.Validate(arguments);
        }
        catch (PocketSphinxException e) when (e.InnerException is null)
        {
            throw new ConfigurationException(key, $"pocketsphinx rejects '{text}' (an unknown name or a value of the wrong type)", e);
        }

        return arguments;
    }

    private static OpenAiSttSettings OpenAiSettingsFrom(SttOpenAiSettings section)
    {
        if (!Uri.TryCreate(section.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException(OpenAiKey(nameof(SttOpenAiSettings.BaseUrl)), $"'{section.BaseUrl}' is not an absolute http(s) URL");
        }

        if (string.IsNullOrWhiteSpace(section.Model)) throw new ConfigurationException(OpenAiKey(nameof(SttOpenAiSettings.Model)), "is empty");

        // Local OpenAI-compatible servers often need no key, but the SDK refuses an empty credential.
        if (string.IsNullOrEmpty(section.ApiKey)) throw new ConfigurationException(OpenAiKey(nameof(SttOpenAiSettings.ApiKey)), "is empty (use any placeholder for a server that ignores it)");
        if (section.TimeoutSeconds is <= 0 or > 600 || double.IsNaN(section.TimeoutSeconds))
        {
            throw new ConfigurationException(OpenAiKey(nameof(SttOpenAiSettings.TimeoutSeconds)), $"{section.TimeoutSeconds} is outside (0, 600] seconds");
        }

        return new OpenAiSttSettings(baseUrl, section.Model, section.ApiKey, TimeSpan.FromSeconds(section.TimeoutSeconds));
    }

    private static string Key(string property) => $"{SttSettings.Section}:{property}";

    private static string OpenAiKey(string property) => $"{SttSettings.Section}:{nameof(SttSettings.OpenAi)}:{property}";
}
