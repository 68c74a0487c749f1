using Microsoft.Extensions.Configuration;
using PhoneAgent.Host;
using PhoneAgent.Host.Configuration;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>Configuration sources, their order, YAML, validation at startup and secret redaction, checked on the real binary.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("phoneagent-config-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void Yaml_gives_the_same_keys_and_values_as_the_equivalent_json()
    {
        var yaml = Write("site.yaml", """
            Sip:
              Port: 5080
              Codecs: [PCMA, opus]
              PublicAddress: ~
              ContactUser: "bot: one"
            Agent:
              Prompts:
                - Hello
                - text: Goodbye
                  voice: en
            """);
        var json = Write("site.json", """
            {"Sip":{"Port":5080,"Codecs":["PCMA","opus"],"PublicAddress":null,"ContactUser":"bot: one"},
             "Agent":{"Prompts":["Hello",{"text":"Goodbye","voice":"en"}]}}
            """);
        var fromYaml = Keys(new ConfigurationBuilder().Add(new YamlConfigurationSource { Path = yaml, Optional = false }.Also(s => s.ResolveFileProvider())).Build());
        var fromJson = Keys(new ConfigurationBuilder().AddJsonFile(json).Build());
        Assert.Equal(fromJson, fromYaml);
        Assert.Contains(new KeyValuePair<string, string?>("Agent:Prompts:1:voice", "en"), fromYaml);
    }

    [Theory]
    [InlineData("bad.yaml", "Sip:\n  Port: 5080\n Codecs: [PCMU\n", "line 3")]
    [InlineData("twice.yaml", "Sip:\n  Port: 5080\n  Port: 5090\n", "line 3")]
    [InlineData("bad.json", "{\"Sip\": {\"Port\": 5080,,}}", "bad.json")]
    public async Task A_malformed_config_file_is_refused_naming_the_file_and_place(string name, string content, string place)
    {
        var path = Write(name, content);
        var (code, _, stderr) = await HostProcess.RunAsync(["check-config", "--config", path], _work.FullName);
        Assert.Equal(2, code);
        Assert.Contains(name, stderr, StringComparison.Ordinal);
        Assert.Contains(place, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_override_in_order_appsettings_sip_config_file_environment_command_line()
    {
        // Each key is set by two neighbouring sources; the later one must win.
        Write("appsettings.json", """{"Sip":{"Port":7000,"ContactUser":"from-appsettings"},"Agent":{"Name":"from-appsettings"}}""");
        var config = Write("site.yaml", "Sip:\n  ContactUser: from-config-file\n  PtimeMs: 30\n  RingingSeconds: 2\n");
        var (code, stdout, stderr) = await HostProcess.RunAsync(
            ["check-config", "--config", config, "--Sip:MaxConcurrentCalls=7"],
            _work.FullName,
            new Dictionary<string, string> { ["PHONEAGENT_Sip__PtimeMs"] = "40", ["PHONEAGENT_Sip__MaxConcurrentCalls"] = "5", ["Sip__RingingSeconds"] = "9" });
        Assert.True(code == 0, stderr);
        var values = Parse(stdout);
        Assert.Equal("from-appsettings", values["Agent:Name"]);   // appsettings.json only
        Assert.Equal("5060", values["Sip:Port"]);                 // sip-config/phoneagent.json over appsettings.json
        Assert.Equal("from-config-file", values["Sip:ContactUser"]); // --config over appsettings.json
        Assert.Equal("40", values["Sip:PtimeMs"]);                // PHONEAGENT_ environment over --config
        Assert.Equal("2", values["Sip:RingingSeconds"]);          // unprefixed environment variables are not read
        Assert.Equal("7", values["Sip:MaxConcurrentCalls"]);      // command line over environment
    }

    [Theory]
    [InlineData("--Sip:Port=70000", "Sip:Port")]
    [InlineData("--Sip:Port=abc", "Sip:Port")]
    [InlineData("--Sip:Trunks:0:Address=10.0.0.1/8", "Sip:Trunks:0:Address")]
    [InlineData("--Sip:InboundAuth:Username=trunk", "Sip:InboundAuth:Password")]
    [InlineData("--Sip:ShutdownTimeoutSeconds=-1", "Sip:ShutdownTimeoutSeconds")]
    [InlineData("--Media:InactivityTimeoutSeconds=0", "Media:InactivityTimeoutSeconds")]
    [InlineData("--Media:ClockThreads=-1", "Media:ClockThreads")]
    [InlineData("--Media:ReceiveThreads=65", "Media:ReceiveThreads")]
    [InlineData("--Media:RealtimePriority=100", "Media:RealtimePriority")]
    [InlineData("--Http:Urls=ftp://127.0.0.1:21", "Http:Urls")]
    [InlineData("--CallRecords:Folder=", "CallRecords:Folder")]
    [InlineData("--Logging:Format=xml", "Logging:Format")]
    [InlineData("--OpenTelemetry:Endpoint=not a url", "OpenTelemetry:Endpoint")]
    public async Task A_bad_value_stops_startup_with_exit_code_2_naming_the_key(string argument, string key)
    {
        // No command: the default is run, which must refuse before binding anything.
        var (code, stdout, stderr) = await HostProcess.RunAsync([argument], _work.FullName);
        Assert.True(code == 2, $"exit {code}\nstdout: {stdout}\nstderr: {stderr}");
        Assert.Contains(key, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_exits_2_naming_the_option()
    {
        var (code, _, stderr) = await HostProcess.RunAsync(["check-config", "--config", Path.Combine(_work.FullName, "absent.yaml")], _work.FullName);
        Assert.Equal(2, code);
        Assert.Contains("--config", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_prints_every_key_with_secrets_redacted()
    {
        var config = Write("secrets.yaml", "Agent:\n  OpenAI:\n    ApiKey: sk-yaml-secret-1\n    Model: gpt-test\n  WebhookToken: tok-yaml-2\n");
        var (code, stdout, stderr) = await HostProcess.RunAsync(
            ["check-config", "--config", config, "--Sip:Registrations:0:Registrar=sip:pbx.example.org", "--Sip:Registrations:0:Aor=sip:bot@pbx.example.org", "--Sip:Registrations:0:Password=hunter2-cli"],
            _work.FullName,
            new Dictionary<string, string> { ["PHONEAGENT_Agent__ClientSecret"] = "env-secret-3" });
        Assert.True(code == 0, stderr);
        foreach (var secret in new[] { "sk-yaml-secret-1", "tok-yaml-2", "hunter2-cli", "env-secret-3" })
        {
            Assert.DoesNotContain(secret, stdout + stderr, StringComparison.Ordinal);
        }

        var values = Parse(stdout);
        Assert.Equal(SecretKeys.Redacted, values["Agent:OpenAI:ApiKey"]);
        Assert.Equal(SecretKeys.Redacted, values["Agent:WebhookToken"]);
        Assert.Equal(SecretKeys.Redacted, values["Sip:Registrations:0:Password"]);
        Assert.Equal(SecretKeys.Redacted, values["Agent:ClientSecret"]);
        Assert.Equal("gpt-test", values["Agent:OpenAI:Model"]);
    }

    [Fact]
    public async Task Help_describes_the_commands_and_gives_examples()
    {
        var (code, stdout, _) = await HostProcess.RunAsync(["--help"], _work.FullName);
        Assert.Equal(0, code);
        foreach (var text in new[] { "run", "check-config", "--config", "Examples:", "PHONEAGENT_" }) Assert.Contains(text, stdout, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Parse(string checkConfigOutput) =>
        checkConfigOutput.Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" = ", 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

    private static List<KeyValuePair<string, string?>> Keys(IConfiguration configuration) =>
        [.. configuration.AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal)];

    private string Write(string name, string content)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
