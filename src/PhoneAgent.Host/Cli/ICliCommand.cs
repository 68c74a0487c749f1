using System.CommandLine;

namespace PhoneAgent.Host.Cli;

/// <summary>
/// One subcommand of the <c>phoneagent</c> CLI. Every non-abstract class implementing this in the host assembly
/// is added by <see cref="PhoneAgentCli"/>, so a new command is one new file.
/// </summary>
public interface ICliCommand
{
    /// <summary>Creates the command, its options and its action; <paramref name="common"/> holds the options every command shares.</summary>
    Command Create(CommonOptions common);
}
