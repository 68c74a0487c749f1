using System.CommandLine;
using PhoneAgent.Host.Hosting;

namespace PhoneAgent.Host.Cli;

/// <summary><c>phoneagent run</c>: answers calls until SIGTERM or Ctrl-C (also what <c>phoneagent</c> alone does).</summary>
public sealed class RunCommand : ICliCommand
{
    /// <summary>Exit code when SIP or HTTP sockets cannot be bound.</summary>
    public const int BindFailureExitCode = 3;

    /// <inheritdoc />
    public Command Create(CommonOptions common)
    {
        var command = new Command("run", "Start the bot: answer SIP calls and serve /healthz, /readyz, /metrics and /calls until SIGTERM or Ctrl-C. This is the default command.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancellationToken) => RunAsync(common.ConfigPath(result), CommonOptions.Overrides(result), cancellationToken));
        return command;
    }

    /// <summary>Builds and runs the host; returns the process exit code (0, 2 for bad configuration, 3 for a port in use).</summary>
    public static async Task<int> RunAsync(string? configFile, IReadOnlyList<string> overrides, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = PhoneAgentApp.Build(configFile, overrides);
            // The host stops on SIGTERM/Ctrl-C itself (graceful drain); the token stops it when the CLI is cancelled otherwise.
            await ((IHost)app).RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (HostStartupFailure.TryReport(e, out var exitCode))
        {
            return exitCode;
        }
    }
}
