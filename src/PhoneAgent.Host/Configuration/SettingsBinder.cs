namespace PhoneAgent.Host.Configuration;

/// <summary>Binds a configuration section, turning the binder's conversion failures into <see cref="ConfigurationException"/>.</summary>
public static class SettingsBinder
{
    /// <summary>Binds <paramref name="section"/> to a new <typeparamref name="T"/> (defaults when the section is absent).</summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the full key ("... at 'Http:Urls' to type ...").
            throw new ConfigurationException(section, e.Message);
        }
    }
}
