using Microsoft.Extensions.Configuration.Json;

namespace PhoneAgent.Host.Configuration;

/// <summary>
/// Puts the configuration sources in their documented order, later ones overriding earlier ones:
/// appsettings.json beside the binary, then in the working directory; every *.json, *.yaml and *.yml in
/// sip-config/ beside the binary, by file name (the embedded default is sip-config/phoneagent.json); the
/// <c>--config</c> file; environment variables prefixed <see cref="EnvironmentPrefix"/> (<c>__</c> separates
/// sections); and last the command line (<c>--Sip:Port=5080</c>).
/// </summary>
public static class HostConfiguration
{
    /// <summary>Prefix of the environment variables read, e.g. <c>PHONEAGENT_Sip__Port=5080</c>.</summary>
    public const string EnvironmentPrefix = "PHONEAGENT_";

    /// <summary>Folder of configuration files beside the binary.</summary>
    public const string ConfigFolder = "sip-config";

    /// <summary>Replaces <paramref name="builder"/>'s sources with ours; a missing or unreadable file throws <see cref="ConfigurationException"/>.</summary>
    public static void AddSources(IConfigurationBuilder builder, string? extraFile, IReadOnlyList<string> commandLine)
    {
        builder.Sources.Clear();
        var binary = Path.GetFullPath(AppContext.BaseDirectory);
        var working = Path.GetFullPath(Directory.GetCurrentDirectory());
        Add(builder, Path.Combine(binary, "appsettings.json"), optional: true);
        if (!SameDirectory(binary, working)) Add(builder, Path.Combine(working, "appsettings.json"), optional: true);

        var folder = Path.Combine(binary, ConfigFolder);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder).Where(IsConfigFile).Order(StringComparer.Ordinal))
            {
                Add(builder, file, optional: true);
            }
        }

        if (extraFile is not null)
        {
            var path = Path.GetFullPath(extraFile);
            if (!File.Exists(path)) throw new ConfigurationException("--config", $"file '{path}' does not exist");
            if (!IsConfigFile(path)) throw new ConfigurationException("--config", $"'{path}' is neither .json nor .yaml/.yml");
            Add(builder, path, optional: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine([.. commandLine]);
    }

    private static bool IsConfigFile(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".json" or ".yaml" or ".yml";

    private static bool SameDirectory(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    private static void Add(IConfigurationBuilder builder, string path, bool optional)
    {
        FileConfigurationSource source = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? new JsonConfigurationSource()
            : new YamlConfigurationSource();
        source.Path = path;
        source.Optional = optional;
        source.ReloadOnChange = false;
        source.ResolveFileProvider();
        try
        {
            // A ConfigurationManager loads a source as soon as it is added, so a malformed file fails here.
            builder.Add(source);
        }
        catch (InvalidDataException e) when (e.InnerException is ConfigurationException inner)
        {
            // Our YAML provider names the file and line already.
            throw inner;
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationException(path, e.InnerException?.Message ?? e.Message);
        }
    }
}
