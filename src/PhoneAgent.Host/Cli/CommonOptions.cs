using System.CommandLine;

namespace PhoneAgent.Host.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class CommonOptions
{
    /// <summary><c>--config &lt;file&gt;</c>: one more JSON or YAML file, applied after sip-config/ and before environment variables.</summary>
    public Option<FileInfo?> Config { get; } = new("--config", "-c")
    {
        Description = "An extra JSON or YAML configuration file. It overrides sip-config/*.json|yaml; environment variables (PHONEAGENT_Sip__Port) and --Section:Key=value arguments override it.",
        HelpName = "file",
        Recursive = true,
    };

    /// <summary>The <c>--config</c> path, if given.</summary>
    public string? ConfigPath(ParseResult result) => result.GetValue(Config)?.FullName;

    /// <summary>
    /// Tokens the parser did not recognise: configuration overrides such as <c>--Sip:Port=5080</c> or
    /// <c>--Logging:Format json</c>, handed to the command-line configuration source.
    /// </summary>
    public static IReadOnlyList<string> Overrides(ParseResult result) => result.UnmatchedTokens;
}
