using System.Diagnostics.Metrics;
using PhoneAgent.Host.Metrics;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>The /metrics exporter renders what a meter measured in strictly valid Prometheus text.</summary>
public sealed class PrometheusExporterTests
{
    [Fact]
    public void Counters_gauges_and_histograms_render_as_valid_text_with_escaped_labels()
    {
        var meterName = $"test-{Guid.NewGuid():N}";
        using var exporter = new PrometheusExporter(meterName);
        using var meter = new Meter(meterName);
        var requests = meter.CreateCounter<long>("test_requests_total", description: "Requests.\nSecond line with a \\ backslash.");
        var active = meter.CreateUpDownCounter<int>("test_active");
        var latency = meter.CreateHistogram("test_latency_seconds", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1] });
        var level = 3.5;
        meter.CreateObservableGauge("test_level", () => level);

        requests.Add(2, new KeyValuePair<string, object?>("path", "a \"quoted\" \\ value\nnext"));
        requests.Add(3, new KeyValuePair<string, object?>("path", "a \"quoted\" \\ value\nnext"));
        requests.Add(1, new KeyValuePair<string, object?>("path", "/plain"));
        active.Add(1);
        active.Add(1);
        active.Add(-1);
        foreach (var seconds in new[] { 0.05, 0.1, 0.3, 0.7, 4.0 }) latency.Record(seconds, new KeyValuePair<string, object?>("stage", "stt"));
        level = 7.25;

        var text = exporter.Scrape();
        var parsed = PrometheusTextParser.Parse(text);

        Assert.Equal("counter", parsed.FamilyTypes["test_requests_total"]);
        Assert.Equal("gauge", parsed.FamilyTypes["test_active"]);
        Assert.Equal("histogram", parsed.FamilyTypes["test_latency_seconds"]);
        Assert.Equal(5, parsed.Value("test_requests_total", ("path", "a \"quoted\" \\ value\nnext")));
        Assert.Equal(1, parsed.Value("test_requests_total", ("path", "/plain")));
        Assert.Equal(1, parsed.Value("test_active"));
        Assert.Equal(7.25, parsed.Value("test_level"));
        Assert.Equal(2, parsed.Value("test_latency_seconds_bucket", ("stage", "stt"), ("le", "0.1")));
        Assert.Equal(3, parsed.Value("test_latency_seconds_bucket", ("stage", "stt"), ("le", "0.5")));
        Assert.Equal(4, parsed.Value("test_latency_seconds_bucket", ("stage", "stt"), ("le", "1")));
        Assert.Equal(5, parsed.Value("test_latency_seconds_bucket", ("stage", "stt"), ("le", "+Inf")));
        Assert.Equal(5, parsed.Value("test_latency_seconds_count", ("stage", "stt")));
        Assert.Equal(5.15, parsed.Value("test_latency_seconds_sum", ("stage", "stt"))!.Value, 9);
        Assert.Contains("# HELP test_requests_total Requests.\\nSecond line with a \\\\ backslash.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_strict_parser_rejects_what_the_format_forbids()
    {
        string[] invalid =
        [
            "m{l=\"unterminated} 1\n",
            "m{l=\"bad \\t escape\"} 1\n",
            "m 1\n# TYPE m counter\n",
            "# TYPE m counter\nm -1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n",
            "a 1\nb 1\na 2\n",
            "1bad 1\n",
            "m 1",
        ];
        foreach (var text in invalid) Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
    }

    [Fact]
    public void The_agent_metrics_record_turns_and_barge_ins()
    {
        using var metrics = new PhoneAgentMetrics();
        using var exporter = new PrometheusExporter(PhoneAgentMetrics.MeterName);
        var before = PrometheusTextParser.Parse(exporter.Scrape());
        metrics.RecordTurn(new Dictionary<string, double> { [TurnLatencyStage.Stt] = 0.25, [TurnLatencyStage.Total] = 0.9 }, interrupted: true);
        var after = PrometheusTextParser.Parse(exporter.Scrape());

        // Other tests in this process may share the meter name; compare differences.
        Assert.Equal(1, (after.Value("phoneagent_bargeins_total") ?? 0) - (before.Value("phoneagent_bargeins_total") ?? 0));
        Assert.Equal(1, (after.Value("phoneagent_turn_latency_seconds_count", ("stage", "stt")) ?? 0) - (before.Value("phoneagent_turn_latency_seconds_count", ("stage", "stt")) ?? 0));
        Assert.Equal("histogram", after.FamilyTypes["phoneagent_turn_latency_seconds"]);
    }
}
