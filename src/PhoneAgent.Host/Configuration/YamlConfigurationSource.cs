namespace PhoneAgent.Host.Configuration;

/// <summary>A YAML file as a configuration source; keys map to the same paths as the JSON provider's.</summary>
public sealed class YamlConfigurationSource : FileConfigurationSource
{
    /// <inheritdoc />
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new YamlConfigurationProvider(this);
    }
}
