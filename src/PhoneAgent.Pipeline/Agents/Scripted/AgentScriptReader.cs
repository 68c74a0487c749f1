using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>
/// Reads a script from YAML (JSON is valid YAML) through YamlDotNet's node model rather than a deserializer, so every
/// validation error can name the line of the node at fault, not just the ones the parser finds.
/// </summary>
internal sealed class AgentScriptReader(string source)
{
    // A script is trusted config, but a careless pattern can still backtrack badly on a long transcript.
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(250);

    private const string DefaultFallback = "Sorry, I did not catch that. Could you say it another way?";
    private const int DefaultMaxAttempts = 3;

    public AgentScript Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new AgentScriptException(source, (int)e.Start.Line, "syntax", e.Message);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this instead of a YamlException when the text ends inside a flow collection.
            var lastLine = text.TrimEnd().Split('\n').Length;
            throw new AgentScriptException(source, lastLine, "syntax", $"the script ends early; is a bracket or quote left open? ({e.Message})");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var line = stream.Documents.Count == 0 ? 0 : Line(stream.Documents[0].RootNode);
            throw new AgentScriptException(source, line, "(root)", "expected a mapping with greeting, intents and fallback");
        }

        var fields = Fields(root, "", "greeting", "transfer_target", "intents", "goodbye", "fallback");
        var greeting = Text(fields, root, "greeting", required: true)!;
        var transferTarget = Text(fields, root, "transfer_target", required: false);
        var intents = Intents(fields, root, transferTarget);
        var goodbye = fields.TryGetValue("goodbye", out var goodbyeNode) ? Intent(goodbyeNode, "goodbye", "goodbye", transferTarget, ScriptAction.EndCall) : null;
        var fallback = Fallback(fields, transferTarget);
        return new AgentScript(greeting, intents, goodbye, fallback, transferTarget);
    }

    private List<ScriptIntent> Intents(Dictionary<string, YamlNode> fields, YamlMappingNode root, string? transferTarget)
    {
        if (!fields.TryGetValue("intents", out var node)) throw new AgentScriptException(source, Line(root), "intents", "missing; list at least one intent");
        if (node is not YamlSequenceNode list) throw Error(node, "intents", "expected a list of intents");
        if (list.Children.Count == 0) throw Error(node, "intents", "is empty; list at least one intent");
        var intents = new List<ScriptIntent>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            intents.Add(Intent(list.Children[i], $"intents[{i}]", $"intent {i + 1}", transferTarget, ScriptAction.None));
        }

        return intents;
    }

    private ScriptIntent Intent(YamlNode node, string path, string defaultName, string? transferTarget, ScriptAction defaultAction)
    {
        if (node is not YamlMappingNode map) throw Error(node, path, "expected a mapping with keywords and/or regex, and reply");
        var fields = Fields(map, path, "name", "keywords", "regex", "reply", "action");
        var name = Text(fields, map, "name", required: false, path) ?? defaultName;
        var keywords = new List<string>();
        foreach (var (value, at) in Scalars(fields, "keywords", path))
        {
            var keyword = IntentMatcher.NormaliseKeyword(value);
            if (keyword is null) throw Error(at, $"{path}.keywords", $"'{value}' has no words (a '*' may only end the last word)");
            keywords.Add(keyword);
        }

        var patterns = new List<Regex>();
        foreach (var (value, at) in Scalars(fields, "regex", path))
        {
            try
            {
                patterns.Add(new Regex(value, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexBudget));
            }
            catch (ArgumentException e)
            {
                throw Error(at, $"{path}.regex", $"'{value}' is not a valid regular expression: {e.Message}");
            }
        }

        if (keywords.Count == 0 && patterns.Count == 0) throw Error(map, path, "needs keywords or regex to match on");
        var reply = Text(fields, map, "reply", required: true, path)!;
        var action = fields.TryGetValue("action", out var actionNode) ? Action(actionNode, $"{path}.action", transferTarget) : defaultAction;
        return new ScriptIntent(name, keywords, patterns, reply, action);
    }

    private ScriptFallback Fallback(Dictionary<string, YamlNode> fields, string? transferTarget)
    {
        var then = transferTarget is null ? ScriptAction.EndCall : ScriptAction.Transfer;
        if (!fields.TryGetValue("fallback", out var node)) return new ScriptFallback(DefaultFallback, DefaultMaxAttempts, then, FinalReply(then));
        if (node is not YamlMappingNode map) throw Error(node, "fallback", "expected a mapping with reply, max_attempts, then and final_reply");
        var own = Fields(map, "fallback", "reply", "max_attempts", "then", "final_reply");
        var reply = Text(own, map, "reply", required: false, "fallback") ?? DefaultFallback;
        var maxAttempts = DefaultMaxAttempts;
        if (own.TryGetValue("max_attempts", out var countNode))
        {
            if (countNode is not YamlScalarNode { Value: { } count } || !int.TryParse(count, out maxAttempts) || maxAttempts is < 1 or > 100)
            {
                throw Error(countNode, "fallback.max_attempts", "expected a whole number from 1 to 100");
            }
        }

        if (own.TryGetValue("then", out var thenNode))
        {
            then = Action(thenNode, "fallback.then", transferTarget);
            if (then == ScriptAction.None) throw Error(thenNode, "fallback.then", "expected end_call or transfer");
        }

        var finalReply = Text(own, map, "final_reply", required: false, "fallback") ?? FinalReply(then);
        return new ScriptFallback(reply, maxAttempts, then, finalReply);
    }

    private static string FinalReply(ScriptAction then) => then == ScriptAction.Transfer
        ? "Let me put you through to someone who can help."
        : "Sorry, I cannot help with that. Please call again later. Goodbye.";

    private ScriptAction Action(YamlNode node, string path, string? transferTarget)
    {
        var action = node is YamlScalarNode { Value: { } value }
            ? value.Trim().Replace('-', '_').ToLowerInvariant() switch
            {
                "none" => ScriptAction.None,
                "end_call" => ScriptAction.EndCall,
                "transfer" => ScriptAction.Transfer,
                _ => throw Error(node, path, $"unknown action '{value}' (expected end_call or transfer)"),
            }
            : throw Error(node, path, "expected end_call or transfer");
        if (action == ScriptAction.Transfer && transferTarget is null) throw Error(node, path, "transfer needs a transfer_target at the top of the script");
        return action;
    }

    private Dictionary<string, YamlNode> Fields(YamlMappingNode map, string path, params string[] allowed)
    {
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var where = path.Length == 0 ? "(root)" : path;
            if (keyNode is not YamlScalarNode { Value: { } key }) throw Error(keyNode, where, "field names must be plain words");
            if (Array.IndexOf(allowed, key) < 0) throw Error(keyNode, where, $"unknown field '{key}' (expected one of: {string.Join(", ", allowed)})");
            fields[key] = value;
        }

        return fields;
    }

    private string? Text(Dictionary<string, YamlNode> fields, YamlNode parent, string key, bool required, string path = "")
    {
        var field = path.Length == 0 ? key : $"{path}.{key}";
        if (!fields.TryGetValue(key, out var node))
        {
            return required ? throw Error(parent, field, "missing") : null;
        }

        if (node is not YamlScalarNode scalar) throw Error(node, field, "expected text");
        var value = IsNull(scalar) ? "" : scalar.Value!.Trim();
        if (value.Length == 0 && required) throw Error(node, field, "is empty");
        return value.Length == 0 ? null : value;
    }

    private List<(string Value, YamlNode Node)> Scalars(Dictionary<string, YamlNode> fields, string key, string path)
    {
        var values = new List<(string, YamlNode)>();
        if (!fields.TryGetValue(key, out var node)) return values;
        IEnumerable<YamlNode> items = node is YamlSequenceNode list ? list.Children : [node];
        foreach (var item in items)
        {
            if (item is not YamlScalarNode scalar || IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
            {
                throw Error(item, $"{path}.{key}", "expected non-empty text or a list of it");
            }

            values.Add((scalar.Value.Trim(), item));
        }

        return values;
    }

    // YAML's plain "~", "null" and nothing at all are null (YAML 1.2 §10.3.2), JSON's null likewise.
    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Value is null || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private AgentScriptException Error(YamlNode node, string field, string problem) => new(source, Line(node), field, problem);
}
