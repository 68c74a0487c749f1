using System.Text;

namespace PhoneAgent.Host.Configuration;

/// <summary>Renders the merged configuration as <c>key = value</c> lines with secrets redacted (for check-config and the startup log).</summary>
public static class EffectiveConfiguration
{
    /// <summary>Every key with a value, sorted, secrets shown as <see cref="SecretKeys.Redacted"/>.</summary>
    public static string Render(IConfiguration configuration)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in configuration.AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(key).Append(" = ").AppendLine(SecretKeys.Show(key, value));
        }

        return text.ToString();
    }

    /// <summary>The sources in the order they apply, one per line (files by path).</summary>
    public static string Sources(IConfigurationBuilder builder)
    {
        var text = new StringBuilder();
        foreach (var source in builder.Sources)
        {
            var name = source switch
            {
                FileConfigurationSource file => $"file {file.FileProvider?.GetFileInfo(file.Path ?? string.Empty).PhysicalPath ?? file.Path}",
                Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource env => $"environment variables {env.Prefix}*",
                Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource => "command line",
                _ => source.GetType().Name,
            };
            text.AppendLine(name);
        }

        return text.ToString();
    }
}
