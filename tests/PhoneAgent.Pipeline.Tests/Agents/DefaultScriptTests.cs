using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.Scripted;
using PhoneAgent.Testing;
using static PhoneAgent.Pipeline.Tests.Agents.AgentTestHelpers;

namespace PhoneAgent.Pipeline.Tests.Agents;

/// <summary>The shipped sip-config/agents/default.yaml against transcripts as a recogniser produces them: lower case, no punctuation, wrong words.</summary>
public sealed class DefaultScriptTests
{
    private readonly AgentScript _script = AgentScript.Load(Checkout.DefaultScriptPath);
    private readonly ScriptedAgent _agent = ScriptedAgent.Load(Checkout.DefaultScriptPath);

    [Fact]
    public void Has_a_greeting_a_transfer_target_and_speech_hints_from_every_intent()
    {
        Assert.False(string.IsNullOrWhiteSpace(_agent.Greeting));
        Assert.NotNull(_script.TransferTarget);
        foreach (var hint in new[] { "open", "hours", "address", "where", "person", "speak", "cake", "goodbye" })
        {
            Assert.Contains(hint, _agent.SpeechHints);
        }

        Assert.Equal(_agent.SpeechHints.Count, _agent.SpeechHints.Distinct().Count());
    }

    [Theory]
    [InlineData("What time do you open?", "hours")]
    [InlineData("what are your opening hours", "hours")]
    [InlineData("when do you close on saturday", "hours")]
    [InlineData("what time do you clothes", "hours")]
    [InlineData("are you opened tomorrow morning", "hours")]
    [InlineData("how late are you upon today", "hours")]
    [InlineData("where are you located", "address")]
    [InlineData("what is your address", "address")]
    [InlineData("what's the dress where is the shop", "address")]
    [InlineData("is there parking near by", "address")]
    [InlineData("i would like to order a birthday cake", "orders")]
    [InlineData("how much does a cake cost", "orders")]
    [InlineData("can i speak to a person please", "person")]
    [InlineData("i want to talk to someone", "person")]
    [InlineData("can i speak to someone about a cake", "person")]
    [InlineData("let me talk to a real human", "person")]
    [InlineData("put me through to the manager", "person")]
    public async Task Questions_reach_the_intended_reply(string transcript, string intent)
    {
        var expected = _script.Intents.Single(i => i.Name == intent);

        var outputs = await CollectAsync(_agent, Caller(transcript));

        Assert.Equal(expected.Reply, Text(outputs));
        var action = outputs.Last();
        if (expected.Action == ScriptAction.Transfer) Assert.Equal(new AgentTransfer(_script.TransferTarget!), action);
        else Assert.IsType<AgentText>(action);
    }

    [Theory]
    [InlineData("goodbye")]
    [InlineData("good bye")]
    [InlineData("ok thank you bye")]
    [InlineData("no thanks that's all")]
    [InlineData("that is all thank you good by")]
    public async Task Goodbye_replies_then_ends_the_call(string transcript)
    {
        var outputs = await CollectAsync(_agent, Caller(transcript));

        Assert.Equal(_script.Goodbye!.Reply, Text(outputs));
        Assert.IsType<AgentEndCall>(outputs.Last());
        Assert.Single(outputs.OfType<AgentEndCall>());
    }

    [Fact]
    public async Task A_question_with_thanks_in_it_is_still_answered()
    {
        var outputs = await CollectAsync(_agent, Caller("thanks and what time do you open today"));

        Assert.Equal(_script.Intents.Single(i => i.Name == "hours").Reply, Text(outputs));
        Assert.DoesNotContain(outputs, o => o is AgentEndCall);
    }

    [Fact]
    public async Task Unrecognised_speech_gets_the_fallback_until_the_limit_then_a_transfer()
    {
        var noise = "she had your dark suit in greasy wash water all year";
        var fallback = _script.Fallback;
        Assert.Equal(3, fallback.MaxAttempts);

        var first = await CollectAsync(_agent, Caller(noise));
        var second = await CollectAsync(_agent, Caller(noise, noise));
        var third = await CollectAsync(_agent, Caller(noise, noise, noise));

        Assert.Equal(fallback.Reply, Text(first));
        Assert.All(first.Concat(second), o => Assert.IsType<AgentText>(o));
        Assert.Equal(fallback.Reply, Text(second));
        Assert.Equal(fallback.FinalReply, Text(third));
        Assert.Equal(new AgentTransfer(_script.TransferTarget!), third.Last());
    }

    [Fact]
    public async Task A_matched_turn_resets_the_fallback_count()
    {
        var noise = "ask not what your country can do for you";
        var history = new List<ChatMessage>
        {
            new(ChatRole.Assistant, _agent.Greeting!),
            new(ChatRole.User, noise),
            new(ChatRole.Assistant, _script.Fallback.Reply),
            new(ChatRole.User, noise),
            new(ChatRole.Assistant, _script.Fallback.Reply),
            new(ChatRole.User, "where are you"),
            new(ChatRole.Assistant, "We are at twelve Market Street"),
            new(ChatRole.User, noise),
        };

        var outputs = await CollectAsync(_agent, history);

        Assert.Equal(_script.Fallback.Reply, Text(outputs));
        Assert.All(outputs, o => Assert.IsType<AgentText>(o));
    }
}
