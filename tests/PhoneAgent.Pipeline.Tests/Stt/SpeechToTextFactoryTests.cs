using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.PocketSphinx;

namespace PhoneAgent.Pipeline.Tests.Stt;

public class SpeechToTextFactoryTests
{
    [Fact]
    public void Creates_pocketsphinx_by_default()
    {
        var engine = SpeechToTextFactory.Create(new SttSettings());
        Assert.Equal("pocketsphinx", engine.Name);
        ((IDisposable)engine).Dispose();
    }

    [Fact]
    public void Creates_the_openai_engine_from_its_section()
    {
        var settings = new SttSettings
        {
            Engine = "OpenAI",
            OpenAi = new SttOpenAiSettings { BaseUrl = "http://127.0.0.1:9/v1", Model = "whisper-1", ApiKey = "k", TimeoutSeconds = 5 },
        };
        Assert.Equal("openai", SpeechToTextFactory.Create(settings).Name);
    }

    [Theory]
    [InlineData("script", true)]
    [InlineData(" Script ", true)]
    [InlineData("full", false)]
    public void Pocketsphinx_searches_the_agents_vocabulary_only_when_told_to(string setting, bool script)
    {
        var vocabulary = new SpeechVocabulary(["hours", "open*"], ["We open at seven."]);
        using var engine = (PocketSphinxSpeechToText)SpeechToTextFactory.Create(new SttSettings { Vocabulary = setting }, vocabulary: vocabulary);
        Assert.Equal(script, engine.VocabularySize is > 0 and < 5000);
        Assert.Equal(script, engine.VocabularySize is not null);
    }

    [Fact]
    public void An_agent_without_a_vocabulary_gets_the_full_model()
    {
        using var engine = (PocketSphinxSpeechToText)SpeechToTextFactory.Create(new SttSettings { Vocabulary = "script" });
        Assert.Null(engine.VocabularySize);
    }

    [Fact]
    public void Decoder_arguments_that_pocketsphinx_accepts_are_taken()
    {
        using var engine = Assert.IsType<PocketSphinxSpeechToText>(SpeechToTextFactory.Create(new SttSettings { DecoderArguments = " -ds 2  -topn 3 " }));
        Assert.Equal(["-ds", "2", "-topn", "3"], engine.Options.ArgumentOverrides);
    }

    [Fact]
    public void Configured_decoder_arguments_come_after_the_script_models_search_settings()
    {
        using var engine = Assert.IsType<PocketSphinxSpeechToText>(SpeechToTextFactory.Create(new SttSettings { Vocabulary = "script", DecoderArguments = "-topn 4" }, vocabulary: new SpeechVocabulary(["hours"], [])));
        Assert.Equal([.. ScriptLanguageModel.SearchArguments, "-topn", "4"], engine.Options.ArgumentOverrides);
    }

    public static TheoryData<SttSettings, string> BadSettings() => new()
    {
        { new SttSettings { Engine = "vosk" }, "Stt:Engine" },
        { new SttSettings { Engine = "" }, "Stt:Engine" },
        { new SttSettings { ModelDirectory = "/nonexistent/model" }, "Stt:ModelDirectory" },
        { new SttSettings { ModelDirectory = " " }, "Stt:ModelDirectory" },
        { new SttSettings { DecodeNice = -1 }, "Stt:DecodeNice" },
        { new SttSettings { DecodeNice = 20 }, "Stt:DecodeNice" },
        { new SttSettings { DecoderArguments = "-ds" }, "Stt:DecoderArguments" },
        { new SttSettings { DecoderArguments = "ds 2" }, "Stt:DecoderArguments" },
        { new SttSettings { DecoderArguments = "-lm /tmp/other.lm" }, "Stt:DecoderArguments" },
        { new SttSettings { DecoderArguments = "-no_such_argument 1" }, "Stt:DecoderArguments" },
        { new SttSettings { DecoderArguments = "-ds two" }, "Stt:DecoderArguments" },
        { new SttSettings { Vocabulary = "keywords" }, "Stt:Vocabulary" },
        { new SttSettings { Vocabulary = null! }, "Stt:Vocabulary" },
        { OpenAi(o => o.BaseUrl = null), "Stt:OpenAi:BaseUrl" },
        { OpenAi(o => o.BaseUrl = "ftp://127.0.0.1/v1"), "Stt:OpenAi:BaseUrl" },
        { OpenAi(o => o.Model = " "), "Stt:OpenAi:Model" },
        { OpenAi(o => o.ApiKey = ""), "Stt:OpenAi:ApiKey" },
        { OpenAi(o => o.TimeoutSeconds = 0), "Stt:OpenAi:TimeoutSeconds" },
        { OpenAi(o => o.TimeoutSeconds = double.NaN), "Stt:OpenAi:TimeoutSeconds" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_name_the_key(SttSettings settings, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => SpeechToTextFactory.Create(settings));
        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message);
    }

    private static SttSettings OpenAi(Action<SttOpenAiSettings> change)
    {
        var section = new SttOpenAiSettings { BaseUrl = "http://127.0.0.1:9/v1", Model = "m", ApiKey = "k" };
        change(section);
        return new SttSettings { Engine = "openai", OpenAi = section };
    }
}
