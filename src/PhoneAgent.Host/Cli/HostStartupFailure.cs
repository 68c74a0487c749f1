using System.Net.Sockets;

namespace PhoneAgent.Host.Cli;

/// <summary>The startup failures every command that runs the host reports the same way: bad configuration and ports in use.</summary>
internal static class HostStartupFailure
{
    /// <summary>
    /// True when <paramref name="error"/> is a startup failure; its message (naming the key) then goes to standard
    /// error and <paramref name="exitCode"/> is 2 for bad configuration or <see cref="RunCommand.BindFailureExitCode"/>.
    /// </summary>
    public static bool TryReport(Exception error, out int exitCode)
    {
        switch (error)
        {
            case ConfigurationException e:
                Console.Error.WriteLine(e.Message);
                exitCode = ConfigurationException.ExitCode;
                return true;
            case SocketException e:
                Console.Error.WriteLine($"Cannot bind SIP sockets (Sip:ListenAddress/Sip:Port): {e.Message}");
                exitCode = RunCommand.BindFailureExitCode;
                return true;
            case IOException e when e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase):
                Console.Error.WriteLine($"Cannot bind the HTTP endpoint (Http:Urls): {e.Message}");
                exitCode = RunCommand.BindFailureExitCode;
                return true;
            default:
                exitCode = 0;
                return false;
        }
    }
}
