using PhoneAgent.Pipeline.Agents.Scripted;

namespace PhoneAgent.Pipeline.Tests.Agents;

/// <summary>Each broken script is refused with an error naming the source, line and field.</summary>
public sealed class AgentScriptValidationTests
{
    public static TheoryData<string, int, string, string> BrokenScripts => new()
    {
        {
            "intents:\n  - keywords: [a]\n    reply: b\n",
            1, "greeting", "missing"
        },
        {
            "greeting: ''\nintents:\n  - keywords: [a]\n    reply: b\n",
            1, "greeting", "is empty"
        },
        {
            "greeting: hi\n",
            1, "intents", "missing"
        },
        {
            "greeting: hi\nintents: []\n",
            2, "intents", "is empty"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a]\n    reply: b\n  - keywords: [c]\n    regex: ['(unclosed']\n    reply: d\n",
            6, "intents[1].regex", "not a valid regular expression"
        },
        {
            "greeting: hi\nintents:\n  - reply: b\n",
            3, "intents[0]", "needs keywords or regex"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a]\n",
            3, "intents[0].reply", "missing"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a]\n    reply: b\n    action: transfer\n",
            5, "intents[0].action", "transfer_target"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a]\n    reply: b\n    action: dance\n",
            5, "intents[0].action", "unknown action 'dance'"
        },
        {
            "greeting: hi\nintents:\n  - keyword: [a]\n    reply: b\n",
            3, "intents[0]", "unknown field 'keyword'"
        },
        {
            "greeting: hi\nintents:\n  - keywords: ['*']\n    reply: b\n",
            3, "intents[0].keywords", "has no words"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a]\n    reply: b\nfallback:\n  max_attempts: zero\n",
            6, "fallback.max_attempts", "whole number"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a]\n    reply: b\nfallback:\n  then: transfer\n",
            6, "fallback.then", "transfer_target"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a\n    reply: b\n",
            4, "syntax", "bracket or quote left open"
        },
        {
            "greeting: hi\nintents:\n  - keywords: [a]\n   reply: b\n",
            4, "syntax", "While parsing"
        },
        {
            "greeting: 'hi\nintents: []\n",
            1, "syntax", "quoted scalar"
        },
        {
            "- just\n- a list\n",
            1, "(root)", "expected a mapping"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenScripts))]
    public void Broken_scripts_are_refused_naming_line_and_field(string yaml, int line, string field, string problem)
    {
        var e = Assert.Throws<AgentScriptException>(() => AgentScript.Parse(yaml, "test.yaml"));

        Assert.Equal("test.yaml", e.ScriptSource);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"test.yaml line {line}: {field}: ", e.Message);
    }

    [Fact]
    public void An_empty_document_is_refused()
    {
        var e = Assert.Throws<AgentScriptException>(() => AgentScript.Parse("", "empty.yaml"));

        Assert.Equal("(root)", e.Field);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-script-{Guid.NewGuid():N}.yaml");

        var e = Assert.Throws<AgentScriptException>(() => AgentScript.Load(path));

        Assert.Equal(path, e.ScriptSource);
        Assert.Contains(path, e.Message);
    }
}
