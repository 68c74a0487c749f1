using System.Net;
using System.Text.Json;
using PhoneAgent.Host.CallRecords;
using PhoneAgent.Integration.Tests.Peers;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>The built host process answers sipp calls and reports them on /healthz, /readyz, /calls, /metrics and in call.json.</summary>
[Collection(HostProcessCollection.Name)]
public sealed class HostEndpointTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Endpoints_report_health_readiness_live_calls_and_metrics_of_real_calls()
    {
        await using var host = await RunningHost.StartAsync("--Logging:LogLevel:PhoneAgent.Host=Debug", "--Agent:ApiKey=sk-host-secret-9");

        using (var health = await host.Http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("alive", (await Json(health)).GetProperty("status").GetString());
        }

        using (var ready = await host.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var body = await Json(ready);
            Assert.True(body.GetProperty("ready").GetBoolean());
            var check = Assert.Single(body.GetProperty("checks").EnumerateArray());
            Assert.Equal("sip-transport", check.GetProperty("name").GetString());
            Assert.Contains($"127.0.0.1:{host.SipPort}", check.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await using (var sipp = await SippRunner.StartAsync(new SippOptions { ScenarioFile = SippScenarios.BasicCall, Target = host.SipEndPoint, Pause = TimeSpan.FromSeconds(3), Timeout = Bound }))
        {
            var calls = await Eventually.WaitAsync(
                () => CallsAsync(host), c => c.Length == 1 && c[0].GetProperty("state").GetString() == "Active", Bound, "one active call on /calls");
            var call = calls[0];
            Assert.False(string.IsNullOrEmpty(call.GetProperty("callId").GetString()));
            Assert.StartsWith("sip:caller@127.0.0.1", call.GetProperty("from").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("sip:service@127.0.0.1", call.GetProperty("to").GetString(), StringComparison.Ordinal);
            Assert.Equal("PCMU", call.GetProperty("codec").GetString());
            Assert.True(call.GetProperty("startedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
            var first = await sipp.WaitForExitAsync();
            Assert.True(first.Succeeded(1), first.Describe());
        }

        var second = await SippRunner.RunAsync(new SippOptions { ScenarioFile = SippScenarios.BasicCall, Target = host.SipEndPoint, Pause = TimeSpan.FromMilliseconds(200), Timeout = Bound });
        Assert.True(second.Succeeded(1), second.Describe());

        var metrics = await Eventually.WaitAsync(
            () => ScrapeAsync(host), m => m.Value("phoneagent_calls_total", ("cause", "RemoteHangup")) == 2, Bound, "two calls counted");
        Assert.Equal(0, metrics.Value("phoneagent_active_calls"));
        Assert.True(metrics.Value("phoneagent_sip_messages_received_total") >= 6, "INVITE, ACK and BYE of both calls");
        Assert.Null(metrics.Value("phoneagent_sip_responses_sent_total", ("code", "400")));
        Assert.True(metrics.Value("phoneagent_sip_responses_sent_total", ("code", "200")) >= 4, "a 200 to each INVITE and BYE");
        Assert.Equal("histogram", metrics.FamilyTypes["phoneagent_turn_latency_seconds"]);
        Assert.Equal("counter", metrics.FamilyTypes["phoneagent_bargeins_total"]);
        Assert.Empty(await CallsAsync(host));

        var records = host.CallFolders().Select(f => CallRecordWriter.Read(Path.Combine(f, CallRecordWriter.FileName))).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(CallOutcome.Answered, r.Outcome);
            Assert.Equal("RemoteHangup", r.HangupCause);
            Assert.Equal("PCMU", r.Codec);
            Assert.NotNull(r.EndedAt);
            Assert.True(r.EndedAt > r.StartedAt);
        });

        // The effective configuration is logged at Debug, with the secret redacted.
        Assert.Contains("Agent:ApiKey = ***", host.Process.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-host-secret-9", host.Process.Stdout + host.Process.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_every_response_sent_by_status_code()
    {
        await using var host = await RunningHost.StartAsync(
            "--Sip:Trunks:0:Address=127.0.0.2/32", "--Sip:InboundAuth:Username=pbx", "--Sip:InboundAuth:Password=right-pw");
        // From 127.0.0.1, outside the trunk: challenged (401), then taken (200) with the right password, refused (403) with a wrong one.
        var taken = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.DigestCall, Target = host.SipEndPoint, Pause = TimeSpan.FromMilliseconds(200), Timeout = Bound,
            ExtraArguments = ["-au", "pbx", "-ap", "right-pw"],
        });
        Assert.True(taken.Succeeded(1), taken.Describe());
        var refused = await SippRunner.RunAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.DigestRefused, Target = host.SipEndPoint, Timeout = Bound,
            ExtraArguments = ["-au", "pbx", "-ap", "wrong-pw"],
        });
        Assert.True(refused.Succeeded(1), refused.Describe());

        var metrics = await Eventually.WaitAsync(
            () => ScrapeAsync(host), m => m.Value("phoneagent_sip_responses_sent_total", ("code", "403")) >= 1, Bound, "the 403 counted");
        Assert.Equal(2, metrics.Value("phoneagent_sip_responses_sent_total", ("code", "401")));
        Assert.Equal(1, metrics.Value("phoneagent_sip_responses_sent_total", ("code", "403")));
        Assert.True(metrics.Value("phoneagent_sip_responses_sent_total", ("code", "200")) >= 2, "a 200 to the INVITE and the BYE");
    }

    [Fact]
    public async Task Sigterm_drains_then_hangs_up_live_calls_after_the_grace_period_and_exits_0()
    {
        await using var host = await RunningHost.StartAsync("--Sip:ShutdownTimeoutSeconds=4", "--Logging:Format=json");
        await using var sipp = await SippRunner.StartAsync(new SippOptions { ScenarioFile = SippScenarios.ByeFromBot, Target = host.SipEndPoint, Timeout = Bound });
        await Eventually.WaitAsync(() => CallsAsync(host), c => c.Length == 1 && c[0].GetProperty("state").GetString() == "Active", Bound, "one active call");

        Assert.True(host.Process.Terminate());
        // While the call may still finish, the host reports not ready so a balancer sends calls elsewhere.
        var draining = await Eventually.WaitAsync(
            async () => (int)(await host.Http.GetAsync("/readyz")).StatusCode, code => code == 503, Bound, "/readyz 503 while draining");
        Assert.Equal(503, draining);
        var refused = await SippRunner.RunAsync(new SippOptions { ScenarioFile = SippScenarios.BasicCall, Target = host.SipEndPoint, TraceMessages = true, Timeout = Bound });
        Assert.Contains("SIP/2.0 503", refused.MessageLog, StringComparison.Ordinal);

        // After the grace period the bot hangs up with BYE (which the scenario waits for) and the process exits cleanly.
        var result = await sipp.WaitForExitAsync();
        Assert.True(result.Succeeded(1), result.Describe());
        Assert.Equal(0, await host.Process.WaitForExitAsync(Bound));
        var record = CallRecordWriter.Read(Path.Combine(Assert.Single(host.CallFolders()), CallRecordWriter.FileName));
        Assert.Equal("LocalHangup", record.HangupCause);
        Assert.True(record.EndedAt - record.StartedAt >= TimeSpan.FromSeconds(4), $"hung up after {record.EndedAt - record.StartedAt}, before the grace period");

        // Logging:Format=json: every line is one JSON object with a timestamp, a category and a message.
        var lines = host.Process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Shutting down", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            var log = JsonDocument.Parse(l).RootElement;
            Assert.True(log.TryGetProperty("Timestamp", out _), l);
            Assert.True(log.TryGetProperty("Category", out _), l);
            Assert.True(log.TryGetProperty("Message", out _), l);
        });
    }

    [Fact]
    public async Task With_an_OpenTelemetry_endpoint_metrics_and_call_traces_go_out_over_OTLP()
    {
        await using var collector = new OtlpCollector();
        await using var host = await RunningHost.StartAsync(
            $"--OpenTelemetry:Endpoint={collector.Endpoint}", "--OpenTelemetry:Protocol=http", "--OpenTelemetry:ExportIntervalMilliseconds=200");
        var call = await SippRunner.RunAsync(new SippOptions { ScenarioFile = SippScenarios.BasicCall, Target = host.SipEndPoint, Pause = TimeSpan.FromMilliseconds(200), Timeout = Bound });
        Assert.True(call.Succeeded(1), call.Describe());

        await Eventually.WaitAsync(() => Task.FromResult(collector.Received("/v1/metrics", "phoneagent_calls_total")), r => r, Bound, "the call count exported");
        await Eventually.WaitAsync(() => Task.FromResult(collector.Received("/v1/traces", "sip.call_id")), r => r, Bound, "the call's span exported");
        Assert.True(collector.Received("/v1/metrics", "RemoteHangup"));
    }

    internal static async Task<JsonElement[]> CallsAsync(RunningHost host)
    {
        using var response = await host.Http.GetAsync("/calls");
        response.EnsureSuccessStatusCode();
        return [.. (await Json(response)).EnumerateArray()];
    }

    private static async Task<PrometheusTextParser> ScrapeAsync(RunningHost host)
    {
        using var response = await host.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
