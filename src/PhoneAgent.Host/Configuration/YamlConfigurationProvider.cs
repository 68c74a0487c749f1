using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhoneAgent.Host.Configuration;

/// <summary>
/// Reads a YAML file into configuration keys the way the JSON provider reads JSON: mappings become sections
/// joined with ':', sequence items are numbered from 0, and a null scalar (<c>~</c> or nothing) is a key without
/// a value, as JSON's null is. So <c>Sip: { Codecs: [PCMU] }</c> in YAML and <c>{"Sip":{"Codecs":["PCMU"]}}</c> in JSON give the
/// same key <c>Sip:Codecs:0</c>.
/// </summary>
public sealed class YamlConfigurationProvider(YamlConfigurationSource source) : FileConfigurationProvider(source)
{
    /// <inheritdoc />
    public override void Load(Stream stream)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(stream);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException(Source.Path ?? "YAML", $"not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }

        // An empty file holds no document: it configures nothing, as an empty JSON object would.
        if (yaml.Documents.Count > 0) Flatten(yaml.Documents[0].RootNode, null, data);
        Data = data;
    }

    private void Flatten(YamlNode node, string? prefix, Dictionary<string, string?> data)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, value) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key }) throw Bad(keyNode, "a key must be a plain value");
                    var path = prefix is null ? key : ConfigurationPath.Combine(prefix, key);
                    if (data.ContainsKey(path)) throw Bad(keyNode, $"key '{path}' appears twice");
                    Flatten(value, path, data);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Flatten(sequence.Children[i], ConfigurationPath.Combine(prefix ?? string.Empty, i.ToString(CultureInfo.InvariantCulture)), data);
                }

                break;
            case YamlScalarNode scalar:
                if (prefix is null) throw Bad(node, "the document must be a mapping of sections");
                data[prefix] = IsNull(scalar) ? null : scalar.Value;
                break;
            default:
                throw Bad(node, $"unsupported YAML node {node.NodeType}");
        }
    }

    // YAML 1.2 core schema: an unquoted ~, null or nothing is null (https://yaml.org/spec/1.2.2/#10311-null).
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private ConfigurationException Bad(YamlNode node, string problem) =>
        new(Source.Path ?? "YAML", $"line {node.Start.Line}, column {node.Start.Column}: {problem}");
}
