using PhoneAgent.Host.Configuration;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Vad;

namespace PhoneAgent.Host.Conversation;

/// <summary>
/// The speech engines every call's conversation shares, built once at startup from the Vad, Stt, Agent, Tts and
/// Conversation sections: loading models and scripts here means a bad setting or a missing model stops startup with
/// the key named, instead of failing the first caller.
/// </summary>
public sealed class SpeechServices : IDisposable
{
    private readonly VoiceActivityDetectorFactory _vad;

    private SpeechServices(VoiceActivityDetectorFactory vad, ISpeechToText stt, IAgent agent, ITextToSpeech tts, ConversationSettings conversation)
    {
        _vad = vad;
        SpeechToText = stt;
        Agent = agent;
        TextToSpeech = tts;
        Conversation = conversation;
    }

    /// <summary>The recogniser.</summary>
    public ISpeechToText SpeechToText { get; }

    /// <summary>The agent (wrapped so that failures become an apology).</summary>
    public IAgent Agent { get; }

    /// <summary>The synthesiser.</summary>
    public ITextToSpeech TextToSpeech { get; }

    /// <summary>Turn-taking and barge-in settings.</summary>
    public ConversationSettings Conversation { get; }

    /// <summary>Builds the engines; throws <see cref="ConfigurationException"/> naming the first bad key.</summary>
    public static SpeechServices Create(IConfiguration configuration, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var conversation = SettingsBinder.Bind<ConversationOptions>(configuration, ConversationOptions.Section).ToSettings();
        var vadSettings = SettingsBinder.Bind<VadSettings>(configuration, VadSettings.Section);
        var sttSettings = SettingsBinder.Bind<SttSettings>(configuration, SttSettings.Section);
        var agentSettings = SettingsBinder.Bind<AgentSettings>(configuration, AgentSettings.Section);
        var ttsSettings = SettingsBinder.Bind<TtsSettings>(configuration, TtsSettings.Section);
        var vad = Build("Vad:Engine", () => new VoiceActivityDetectorFactory(vadSettings, loggerFactory.CreateLogger<VoiceActivityDetectorFactory>()));
        try
        {
            // The agent first: a scripted agent's words become the recogniser's vocabulary.
            var agent = Build("Agent:Engine", () => AgentFactory.Create(agentSettings, AppContext.BaseDirectory, time, loggerFactory));
            var stt = Build("Stt:Engine", () => SpeechToTextFactory.Create(sttSettings, time, loggerFactory, agent.Vocabulary));
            var tts = Build("Tts:Engine", () => TextToSpeechFactory.WithCache(TextToSpeechFactory.Create(ttsSettings), ttsSettings));
            loggerFactory.CreateLogger<SpeechServices>().LogInformation(
                "Speech: VAD {Vad}, STT {Stt}, agent {Agent}, TTS {Tts}", vad.Engine, stt.Name, agent.Name, tts.Name);
            return new SpeechServices(vad, stt, agent, tts, conversation);
        }
        catch
        {
            vad.Dispose();
            throw;
        }
    }

    /// <summary>A per-call detector that reacts within one frame: the barge-in onset path.</summary>
    public IVoiceActivityDetector CreateOnsetDetector() => _vad.CreateOnsetDetector();

    /// <summary>A per-call detector that confirms speech (Silero, or the energy detector when Silero is not installed).</summary>
    public IVoiceActivityDetector CreateConfirmDetector() => _vad.Create();

    /// <inheritdoc />
    public void Dispose() => _vad.Dispose();

    // The engines name a bad key themselves; anything else that stops an engine loading (a missing library or
    // model, an unreadable file) is charged to the key that chose the engine.
    private static T Build<T>(string engineKey, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ConfigurationException))
        {
            var key = e is ArgumentException { ParamName: { } name } && name.Contains(':', StringComparison.Ordinal) ? name : engineKey;
            throw new ConfigurationException(key, e.Message, e);
        }
    }
}
