using System.CommandLine;

namespace PhoneAgent.Host.Cli;

/// <summary>The <c>phoneagent</c> command line: <c>run</c> (the default), <c>check-config</c>, <c>dial</c>, and every other <see cref="ICliCommand"/>.</summary>
public static class PhoneAgentCli
{
    private const string Description = """
        PhoneAgent: a telephony voice bot. It answers SIP calls (UDP and TCP), talks with the caller, and serves
        health, readiness, Prometheus metrics and live calls over HTTP.

        Configuration comes from, later overriding earlier: appsettings.json, sip-config/*.json|*.yaml beside the
        binary, --config <file>, environment variables PHONEAGENT_Section__Key, and --Section:Key=value arguments.

        Examples:
          phoneagent                                    start with the default configuration (SIP on 5060)
          phoneagent run --Sip:Port=5080                start with SIP on port 5080
          phoneagent run --config site.yaml             start with an extra configuration file
          PHONEAGENT_Logging__Format=json phoneagent    start with JSON logs
          phoneagent check-config --config site.yaml    validate and print the effective configuration
          phoneagent dial sip:alice@192.0.2.10          call someone, let the bot talk, exit when the call ends
        """;

    /// <summary>Builds the root command with every subcommand; running it with no subcommand runs the bot.</summary>
    public static RootCommand Create()
    {
        var common = new CommonOptions();
        var root = new RootCommand(Description) { TreatUnmatchedTokensAsErrors = false };
        root.Options.Add(common.Config);
        var commands = typeof(ICliCommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!);
        foreach (var command in commands) root.Subcommands.Add(command.Create(common));
        root.SetAction((result, cancellationToken) => RunCommand.RunAsync(common.ConfigPath(result), CommonOptions.Overrides(result), cancellationToken));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        // The host handles SIGTERM/Ctrl-C itself for a graceful shutdown; the parser must not cut it short.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        return Create().Parse(args).InvokeAsync(invocation);
    }
}
