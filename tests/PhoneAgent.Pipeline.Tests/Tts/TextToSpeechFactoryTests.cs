using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Tts.Espeak;
using PhoneAgent.Pipeline.Tts.Flite;
using PhoneAgent.Pipeline.Tts.OpenAi;

namespace PhoneAgent.Pipeline.Tests.Tts;

public class TextToSpeechFactoryTests
{
    public static TheoryData<TtsSettings, string> BadSettings => new()
    {
        { new TtsSettings { Engine = "festival" }, "Tts:Engine" },
        { new TtsSettings { Engine = "" }, "Tts:Engine" },
        { new TtsSettings { Engine = "flite", Voice = "nobody" }, "Tts:Voice" },
        { new TtsSettings { Engine = "espeak", Voice = "zz-no-such-voice" }, "Tts:Voice" },
        { new TtsSettings { Engine = "openai" }, "Tts:OpenAi:ApiKey" },
        { new TtsSettings { Engine = "openai", OpenAi = new OpenAiTtsSettings { ApiKey = "k", BaseUrl = "ftp://example.test/v1" } }, "Tts:OpenAi:BaseUrl" },
        { new TtsSettings { Engine = "openai", OpenAi = new OpenAiTtsSettings { ApiKey = "k", BaseUrl = "not a url" } }, "Tts:OpenAi:BaseUrl" },
        { new TtsSettings { Engine = "openai", OpenAi = new OpenAiTtsSettings { ApiKey = "k", Model = " " } }, "Tts:OpenAi:Model" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_are_rejected_naming_the_key(TtsSettings settings, string key)
    {
        var error = Assert.Throws<ConfigurationException>(() => TextToSpeechFactory.Create(settings));

        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flite_with_the_slt_voice_is_the_default()
    {
        var tts = Assert.IsType<FliteTextToSpeech>(TextToSpeechFactory.Create(new TtsSettings()));

        Assert.Equal("slt", tts.Voice);
    }

    [Theory]
    [InlineData("flite", "awb", typeof(FliteTextToSpeech))]
    [InlineData("espeak", "en-us", typeof(EspeakTextToSpeech))]
    [InlineData("ESPEAK-NG", null, typeof(EspeakTextToSpeech))]
    [InlineData("openai", "nova", typeof(OpenAiTextToSpeech))]
    public void Each_engine_is_built_from_its_name(string engine, string? voice, Type expected)
    {
        var settings = new TtsSettings { Engine = engine, Voice = voice, OpenAi = new OpenAiTtsSettings { ApiKey = "k", BaseUrl = "http://127.0.0.1:9/v1" } };

        Assert.IsType(expected, TextToSpeechFactory.Create(settings));
    }
}
