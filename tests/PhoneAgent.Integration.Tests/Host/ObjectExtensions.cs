namespace PhoneAgent.Integration.Tests.Host;

/// <summary>Lets a test configure an object inline.</summary>
internal static class ObjectExtensions
{
    /// <summary>Runs <paramref name="action"/> on <paramref name="value"/> and returns it.</summary>
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
