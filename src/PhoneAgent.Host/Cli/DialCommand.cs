using System.CommandLine;
using System.Globalization;
using PhoneAgent.Host.Configuration;
using PhoneAgent.Host.Hosting;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Host.Cli;

/// <summary>
/// <c>phoneagent dial &lt;sip-uri&gt;</c>: starts the bot exactly as <c>run</c> does (same configuration, pipeline,
/// HTTP endpoints, call records), places one call, lets the bot talk, and exits when that call ends.
/// </summary>
public sealed class DialCommand : ICliCommand
{
    /// <summary>Exit code when the call was not answered (busy, rejected, no answer, unreachable) or ended abnormally.</summary>
    public const int CallFailedExitCode = 4;

    /// <summary>Exit code for a target that is not a SIP URI.</summary>
    public const int UsageExitCode = 1;

    private const string Help = """
        Call someone and let the bot talk to them. The bot starts exactly as with 'run' (same configuration, speech
        pipeline, HTTP endpoints and call records, the record marked "direction": "outbound"), sends one INVITE, and
        exits when that call ends: 0 when it was answered and ended with a hang-up, 4 with the reason on standard
        error when it was not answered (e.g. "486 Busy Here") or ended abnormally, 2 for bad configuration.

        The INVITE goes to the URI's host and port (5060 if none; add ;transport=tcp for TCP), or through
        Sip:OutboundProxy / --proxy. A 401/407 challenge is answered with --username/--password (or Dial:Username,
        Dial:Password). Ctrl-C cancels a ringing call (CANCEL) or hangs up an answered one (BYE).

        Examples:
          phoneagent dial sip:alice@192.0.2.10
          phoneagent dial sip:1001@pbx.example.org --username bot --password s3cret --from sip:bot@pbx.example.org
          phoneagent dial sip:+15551234567@trunk.example.net --proxy sip:sbc.example.net:5060 --timeout 30
          phoneagent dial sip:alice@192.0.2.10 --config site.yaml --Sip:Port=5080
        """;

    /// <inheritdoc />
    public Command Create(CommonOptions common)
    {
        var target = new Argument<string>("sip-uri") { Description = "Whom to call, e.g. sip:alice@192.0.2.10:5060 or sip:1001@pbx.example.org" };
        var username = new Option<string?>("--username", "-u") { Description = "Digest username for a 401/407 challenge (config key Dial:Username)." };
        var password = new Option<string?>("--password", "-p") { Description = "Digest password (config key Dial:Password; prefer PHONEAGENT_Dial__Password over the command line)." };
        var from = new Option<string?>("--from") { Description = "Our From address, e.g. sip:bot@pbx.example.org (config key Dial:From; default Sip:ContactUser at our address)." };
        var timeout = new Option<double?>("--timeout", "-t") { Description = "Seconds to let it ring before giving up (config key Dial:AnswerTimeoutSeconds; default 60).", HelpName = "seconds" };
        var proxy = new Option<string?>("--proxy") { Description = "Send the INVITE through this proxy, e.g. sip:pbx.example.org (config key Sip:OutboundProxy)." };
        var command = new Command("dial", Help) { target, username, password, from, timeout, proxy };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) =>
        {
            // The options are configuration keys under another name, so they are validated (and named) like the file's.
            var overrides = CommonOptions.Overrides(result).ToList();
            void Add(string key, string? value)
            {
                if (value is not null) overrides.Add($"--{key}={value}");
            }
            Add("Dial:Username", result.GetValue(username));
            Add("Dial:Password", result.GetValue(password));
            Add("Dial:From", result.GetValue(from));
            Add("Dial:AnswerTimeoutSeconds", result.GetValue(timeout)?.ToString(CultureInfo.InvariantCulture));
            Add("Sip:OutboundProxy", result.GetValue(proxy));
            return DialAsync(result.GetValue(target)!, common.ConfigPath(result), overrides, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs the host for one outbound call; returns the process exit code.</summary>
    public static async Task<int> DialAsync(string target, string? configFile, IReadOnlyList<string> overrides, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!SipUri.TryParse(target.Trim(), out var uri) || !uri.IsSip || string.IsNullOrEmpty(uri.Host))
        {
            await error.WriteLineAsync($"'{target}' is not a SIP URI; write it like sip:alice@192.0.2.10:5060 or sip:1001@pbx.example.org").ConfigureAwait(false);
            return UsageExitCode;
        }
        try
        {
            await using var app = PhoneAgentApp.Build(configFile, overrides);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var code = await PlaceCallAsync(app, uri, output, error).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return code;
        }
        catch (Exception e) when (HostStartupFailure.TryReport(e, out var exitCode))
        {
            return exitCode;
        }
    }

    private static async Task<int> PlaceCallAsync(WebApplication app, SipUri target, TextWriter output, TextWriter error)
    {
        var defaults = app.Services.GetRequiredService<HostSettings>().Dial;
        var agent = app.Services.GetRequiredService<SipService>().Agent ?? throw new InvalidOperationException("the SIP user agent did not start");
        var time = app.Services.GetRequiredService<TimeProvider>();
        // SIGTERM/Ctrl-C stop the host; before the answer that cancels the INVITE, after it hangs up.
        var stopping = app.Lifetime.ApplicationStopping;
        var options = new DialOptions
        {
            Credentials = defaults.Credentials,
            From = defaults.From,
            AnswerTimeout = defaults.AnswerTimeout,
            Progress = p => output.WriteLine($"{p.StatusCode} {p.ReasonPhrase}{(p.HasEarlyMedia ? " (early media)" : string.Empty)}"),
        };
        await output.WriteLineAsync($"Dialling {target}").ConfigureAwait(false);
        SipCall call;
        try
        {
            call = await agent.DialAsync(target, options, stopping).ConfigureAwait(false);
        }
        catch (SipDialException e)
        {
            await error.WriteLineAsync($"Call failed: {e.Message}").ConfigureAwait(false);
            return CallFailedExitCode;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync($"Call to {target} cancelled before it was answered").ConfigureAwait(false);
            return CallFailedExitCode;
        }
        var answeredAt = time.GetUtcNow();
        await output.WriteLineAsync($"Answered: Call-ID {call.CallId}, codec {call.Media?.Audio.Codec.EncodingName}").ConfigureAwait(false);
        CallEnded ended;
        using (stopping.Register(() => _ = call.HangupAsync()))
        {
            ended = await call.Completion.ConfigureAwait(false);
        }
        var seconds = (time.GetUtcNow() - answeredAt).TotalSeconds;
        if (ended.Cause is CallEndCause.RemoteHangup or CallEndCause.LocalHangup)
        {
            await output.WriteLineAsync($"Call ended: {ended.Cause} after {seconds:0.0} s").ConfigureAwait(false);
            return 0;
        }
        await error.WriteLineAsync($"Call to {target} ended abnormally: {ended.Cause} after {seconds:0.0} s").ConfigureAwait(false);
        return CallFailedExitCode;
    }
}
