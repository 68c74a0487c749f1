using PhoneAgent.Pipeline.Stt;

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

    public static TheoryData<SttSettings, string> BadSettings() => new()
    {
        { new SttSettings { Engine = "vosk" }, "Stt:Engine" },
        { new SttSettings { Engine = "" }, "Stt:Engine" },
        { new SttSettings { ModelDirectory = "/nonexistent/model" }, "Stt:ModelDirectory" },
        { new SttSettings { ModelDirectory = " " }, "Stt:ModelDirectory" },
        { new SttSettings { DecodeNice = -1 }, "Stt:DecodeNice" },
        { new SttSettings { DecodeNice = 20 }, "Stt:DecodeNice" },
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
