using System.CommandLine;
using PhoneAgent.Host.Configuration;

namespace PhoneAgent.Host.Cli;

/// <summary><c>phoneagent check-config</c>: loads and validates the configuration, prints it with secrets redacted.</summary>
public sealed class CheckConfigCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create(CommonOptions common)
    {
        var command = new Command("check-config", "Load every configuration source, validate every setting and print the effective configuration (secrets shown as ***). Exits 0 when valid, 2 naming the first bad key otherwise. Starts nothing.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(result => Check(common.ConfigPath(result), CommonOptions.Overrides(result), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Check(string? configFile, IReadOnlyList<string> overrides, TextWriter output, TextWriter error)
    {
        try
        {
            var configuration = new ConfigurationManager();
            HostConfiguration.AddSources(configuration, configFile, overrides);
            HostSettings.Load(configuration);
            output.WriteLine("# Configuration sources, later ones override earlier ones:");
            foreach (var line in EffectiveConfiguration.Sources(configuration).Split('\n', StringSplitOptions.RemoveEmptyEntries)) output.WriteLine($"#   {line.TrimEnd()}");
            output.Write(EffectiveConfiguration.Render(configuration));
            output.WriteLine("# Configuration is valid.");
            return 0;
        }
        catch (ConfigurationException e)
        {
            error.WriteLine(e.Message);
            return ConfigurationException.ExitCode;
        }
    }
}
