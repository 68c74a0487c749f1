namespace PhoneAgent.SphinxBench;

/// <summary>A named set of decoder arguments that replace or add to the product's (<c>label=-name value …</c>).</summary>
internal sealed record Setting(string Label, IReadOnlyList<string> Arguments)
{
    public static Setting Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new ArgumentException($"expected label=arguments, got \"{text}\"", nameof(text));
        var arguments = text[(equals + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Length % 2 != 0) throw new ArgumentException($"arguments come in name-value pairs: \"{text}\"", nameof(text));
        return new Setting(text[..equals], arguments);
    }
}
