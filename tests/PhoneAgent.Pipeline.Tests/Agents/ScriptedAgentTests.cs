using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.Scripted;
using static PhoneAgent.Pipeline.Tests.Agents.AgentTestHelpers;

namespace PhoneAgent.Pipeline.Tests.Agents;

public sealed class ScriptedAgentTests
{
    private const string Script = """
        greeting: Hi there.
        transfer_target: sip:desk@127.0.0.1
        intents:
          - name: hours
            keywords: [open, hours]
            reply: We open at nine.
          - name: booking
            keywords: [book*]
            regex: '\b(table|seat)s? for (two|four)\b'
            reply: I can book that.
          - name: human
            keywords: [operator]
            reply: Transferring you now.
            action: transfer
          - name: hangup
            regex: ^stop calling me$
            reply: Sorry, removing you.
            action: end_call
        goodbye:
          keywords: [bye]
          reply: Bye now.
        fallback:
          reply: Pardon?
          max_attempts: 2
          then: end_call
          final_reply: I will let you go.
        """;

    private readonly ScriptedAgent _agent = new(AgentScript.Parse(Script));

    [Fact]
    public void Name_greeting_and_hints_come_from_the_script()
    {
        Assert.Equal("scripted", _agent.Name);
        Assert.Equal("Hi there.", _agent.Greeting);
        Assert.Equal(["open", "hours", "book", "operator", "bye"], _agent.SpeechHints);
    }

    [Theory]
    [InlineData("Are you OPEN?", "We open at nine.")]
    [InlineData("i'd like to be booking", "I can book that.")]
    [InlineData("a table for two please", "I can book that.")]
    [InlineData("Seats for four!", "I can book that.")]
    [InlineData("a table for three", "Pardon?")]
    [InlineData("openly", "Pardon?")]
    public async Task Keywords_match_whole_words_or_word_endings_and_regex_matches_the_normalised_words(string transcript, string reply)
    {
        Assert.Equal(reply, Text(await CollectAsync(_agent, Caller(transcript))));
    }

    [Fact]
    public async Task The_intent_with_most_hits_wins_and_goodbye_loses_ties()
    {
        Assert.Equal("I can book that.", Text(await CollectAsync(_agent, Caller("open? no, book a table for two"))));
        Assert.Equal("We open at nine.", Text(await CollectAsync(_agent, Caller("book it when you open"))));
        Assert.Equal("We open at nine.", Text(await CollectAsync(_agent, Caller("open hours? bye"))));
        Assert.Equal("We open at nine.", Text(await CollectAsync(_agent, Caller("bye open"))));
    }

    [Fact]
    public async Task Reply_streams_in_word_sized_pieces()
    {
        var outputs = await CollectAsync(_agent, Caller("when are you open"));

        Assert.Equal(["We ", "open ", "at ", "nine."], outputs.Cast<AgentText>().Select(t => t.Text));
    }

    [Fact]
    public async Task Actions_follow_the_reply()
    {
        var transfer = await CollectAsync(_agent, Caller("operator"));
        var hangUp = await CollectAsync(_agent, Caller("Stop calling me!"));

        Assert.Equal("Transferring you now.", Text(transfer));
        Assert.Equal(new AgentTransfer("sip:desk@127.0.0.1"), transfer[^1]);
        Assert.Equal("Sorry, removing you.", Text(hangUp));
        Assert.IsType<AgentEndCall>(hangUp[^1]);
    }

    [Fact]
    public async Task Fallback_limit_ends_the_call_when_then_is_end_call()
    {
        var once = await CollectAsync(_agent, Caller("mumble"));
        var twice = await CollectAsync(_agent, Caller("mumble", "grumble"));

        Assert.Equal("Pardon?", Text(once));
        Assert.Single(once);
        Assert.Equal("I will let you go.", Text(twice));
        Assert.IsType<AgentEndCall>(twice[^1]);
    }

    [Fact]
    public async Task No_caller_turn_yet_gets_the_fallback()
    {
        Assert.Equal("Pardon?", Text(await CollectAsync(_agent, [])));
        Assert.Equal("Pardon?", Text(await CollectAsync(_agent, Caller(""))));
    }

    [Fact]
    public async Task Cancelling_mid_reply_stops_at_the_next_word()
    {
        using var cts = new CancellationTokenSource();
        var history = Caller("open");
        await using var reply = _agent.RespondAsync(history, cts.Token).GetAsyncEnumerator();

        Assert.True(await reply.MoveNextAsync());
        Assert.Equal(new AgentText("We "), reply.Current);
        Assert.True(await reply.MoveNextAsync());
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reply.MoveNextAsync());
    }

    [Fact]
    public async Task A_json_script_works_the_same()
    {
        var json = """
            {
              "greeting": "Welcome.",
              "intents": [ { "keywords": ["price", "cost"], "reply": "Ten dollars." } ],
              "goodbye": { "keywords": ["bye"], "reply": "Bye." }
            }
            """;
        var agent = new ScriptedAgent(AgentScript.Parse(json, "inline.json"));

        Assert.Equal("Welcome.", agent.Greeting);
        Assert.Equal("Ten dollars.", Text(await CollectAsync(agent, Caller("what does it cost"))));
        var bye = await CollectAsync(agent, Caller("ok bye"));
        Assert.IsType<AgentEndCall>(bye[^1]);
        // Without a transfer target, the default fallback ends the call after three misses.
        var script = AgentScript.Parse(json);
        Assert.Equal(ScriptAction.EndCall, script.Fallback.Then);
        Assert.Equal(3, script.Fallback.MaxAttempts);
    }

    [Theory]
    [InlineData("are you open", true)]
    [InlineData("i'd like to book", true)]
    [InlineData("a table for two", true)]
    [InlineData("ok bye", true)]
    [InlineData("i would like to", false)]
    [InlineData("", false)]
    public void Partial_transcript_is_a_complete_turn_when_it_matches_an_intent_or_the_goodbye(string partial, bool complete)
    {
        Assert.Equal(complete, _agent.IsCompleteTurn(partial));
    }
}
