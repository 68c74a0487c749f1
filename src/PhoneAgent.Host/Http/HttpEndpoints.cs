using PhoneAgent.Host.CallRecords;
using PhoneAgent.Host.Health;
using PhoneAgent.Host.Metrics;

namespace PhoneAgent.Host.Http;

/// <summary>The operations endpoints: /healthz, /readyz, /metrics and /calls.</summary>
public static class HttpEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="app"/>.</summary>
    public static void Map(WebApplication app)
    {
        // Liveness: answering at all proves the process and its thread pool are alive.
        app.MapGet("/healthz", () => Results.Json(new { status = "alive" }));

        app.MapGet("/readyz", (IEnumerable<IReadinessContributor> contributors) =>
        {
            var checks = contributors.Select(c => (c.Name, Result: c.Check())).ToArray();
            var ready = checks.All(c => c.Result.Ready);
            return Results.Json(
                new { ready, checks = checks.Select(c => new { name = c.Name, ready = c.Result.Ready, detail = c.Result.Detail }) },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Scrape(), PrometheusText.ContentType));

        app.MapGet("/calls", (CallRegistry registry) => Results.Json(registry.Live
            .OrderBy(s => s.Record.StartedAt)
            .Select(s => new
            {
                callId = s.Record.CallId,
                direction = s.Record.Direction,
                from = s.Record.Caller,
                to = s.Record.Callee,
                codec = s.Call.Media?.Audio.Codec.EncodingName ?? s.Record.Codec,
                startedAt = s.Record.StartedAt,
                answeredAt = s.Record.AnsweredAt,
                state = s.Call.State.ToString(),
                onHold = s.Call.Media?.IsOnHold ?? false,
                folder = s.Folder,
            })));
    }
}
