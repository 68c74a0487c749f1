using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.OpenAi;
using PhoneAgent.Testing;
using static PhoneAgent.Pipeline.Tests.Agents.AgentTestHelpers;

namespace PhoneAgent.Pipeline.Tests.Agents;

public sealed class AgentFactoryTests
{
    private static IAgent Create(AgentSettings settings) => AgentFactory.Create(settings, Checkout.Root, new ManualTimeProvider(), NullLoggerFactory.Instance);

    [Fact]
    public async Task Default_settings_give_the_resilient_scripted_agent_on_sip_config_agent_yaml()
    {
        var agent = Create(new AgentSettings());

        Assert.IsType<ResilientAgent>(agent);
        Assert.Equal("scripted", agent.Name);
        Assert.Equal(Pipeline.Agents.Scripted.ScriptedAgent.Load(Checkout.DefaultScriptPath).Greeting, agent.Greeting);
        Assert.IsType<AgentEndCall>((await CollectAsync(agent, Caller("goodbye")))[^1]);
    }

    [Fact]
    public void Openai_engine_builds_the_openai_agent_without_contacting_the_server()
    {
        var settings = new AgentSettings
        {
            Engine = "OpenAI",
            OpenAI = new OpenAiSettings { BaseUrl = "http://127.0.0.1:9/v1", Model = "llama3.2", Greeting = "Hi." },
        };

        var agent = Create(settings);

        Assert.Equal("openai", agent.Name);
        Assert.Equal("Hi.", agent.Greeting);
    }

    public static TheoryData<string, Action<AgentSettings>> BadSettings => new()
    {
        { "Agent:Engine", s => s.Engine = "eliza" },
        { "Agent:ScriptPath", s => s.ScriptPath = "sip-config/no-such-script.yaml" },
        { "Agent:ScriptPath", s => s.ScriptPath = " " },
        { "Agent:TimeoutSeconds", s => s.TimeoutSeconds = 0 },
        { "Agent:StallTimeoutSeconds", s => s.StallTimeoutSeconds = double.NaN },
        { "Agent:Apology", s => s.Apology = "" },
        { "Agent:OpenAI:BaseUrl", s => (s.Engine, s.OpenAI.BaseUrl) = ("openai", "localhost:11434") },
        { "Agent:OpenAI:BaseUrl", s => (s.Engine, s.OpenAI.BaseUrl) = ("openai", "ftp://127.0.0.1/v1") },
        { "Agent:OpenAI:ApiKey", s => s.Engine = "openai" },
        { "Agent:OpenAI:Model", s => (s.Engine, s.OpenAI.ApiKey, s.OpenAI.Model) = ("openai", "k", " ") },
        { "Agent:OpenAI:Temperature", s => (s.Engine, s.OpenAI.ApiKey, s.OpenAI.Temperature) = ("openai", "k", 3) },
        { "Agent:OpenAI:MaxTokens", s => (s.Engine, s.OpenAI.ApiKey, s.OpenAI.MaxTokens) = ("openai", "k", 0) },
        { "Agent:OpenAI:TimeoutSeconds", s => (s.Engine, s.OpenAI.ApiKey, s.OpenAI.TimeoutSeconds) = ("openai", "k", 0) },
        { "Agent:OpenAI:TransferTargets:1", s => (s.Engine, s.OpenAI.ApiKey, s.OpenAI.TransferTargets) = ("openai", "k", ["sip:a@127.0.0.1", ""]) },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_name_the_key(string key, Action<AgentSettings> spoil)
    {
        var settings = new AgentSettings();
        spoil(settings);

        var e = Assert.Throws<ConfigurationException>(() => Create(settings));

        Assert.Equal(key, e.Key);
        Assert.StartsWith($"Invalid configuration {key}: ", e.Message);
    }

    [Fact]
    public void A_broken_script_is_reported_under_the_script_path_key_with_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"agent-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "greeting: hi\nintents:\n  - regex: '[unclosed'\n    reply: b\n");
        try
        {
            var e = Assert.Throws<ConfigurationException>(() => Create(new AgentSettings { ScriptPath = path }));

            Assert.Equal("Agent:ScriptPath", e.Key);
            Assert.Contains($"{path} line 3: intents[0].regex", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
