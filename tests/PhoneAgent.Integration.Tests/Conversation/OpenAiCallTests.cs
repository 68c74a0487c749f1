using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PhoneAgent.Integration.Tests.Media;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Testing.Agents;
using PhoneAgent.Testing.Calls;
using PhoneAgent.Testing.Speech;
using Xunit.Abstractions;
using static PhoneAgent.Integration.Tests.Conversation.OpenAiHostFixture;

namespace PhoneAgent.Integration.Tests.Conversation;

/// <summary>
/// Calls to the bot running its OpenAI-compatible agent against an in-test server: streamed replies are spoken, a
/// slow or failing server gets the caller an apology and the call goes on, and after a barge-in the model is told
/// only what the caller heard. Judged from the caller's side (packets and their transcript) and from the requests
/// the server received.
/// </summary>
[Collection(RealTimeMediaCollection.Name)]
public sealed class OpenAiCallTests(OpenAiHostFixture fixture, ITestOutputHelper output) : IClassFixture<OpenAiHostFixture>
{
    private const string Reply = "We are open every morning and every evening, seven days a week.";
    private const string Apology = ResilientAgentOptions.DefaultApology;

    // pocketsphinx hears the bot's voice through G.711 poorly (see ScriptedCallTests): a line is judged by matching
    // the transcript better than the other line the bot could have said (which scored 100 % and more), and within a
    // bound silence fails. Measured: the reply 50.0-58.3 %, the apology 18.2-36.4 %.
    private const double SaidBoundPercent = 75;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReplyBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_streamed_reply_is_spoken()
    {
        var before = fixture.Server.Requests.Count;
        fixture.Answer(Streamed(Reply));
        await using var call = await CallAsync();

        var turn = await call.AskAsync("What are your opening hours?");
        await call.Caller.HangupAsync();

        AssertSaid(Reply, Apology, turn.Transcript);
        var request = Assert.Single(fixture.Server.Requests.Skip(before));
        var last = request.Body.GetProperty("messages").EnumerateArray().Last();
        Assert.Equal("user", last.GetProperty("role").GetString());
        Assert.Contains("open", last.GetProperty("content").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(request.Body.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public async Task A_server_slower_than_the_agent_timeout_gets_the_caller_an_apology_and_the_call_goes_on()
    {
        fixture.Answer(SilentUntilAbandoned, Streamed(Reply));
        await using var call = await CallAsync();

        var apology = await call.AskAsync("What are your opening hours?");
        var reply = await call.AskAsync("Are you open on Sunday?");
        await call.Caller.HangupAsync();

        // The apology came only once the agent gave up on the server, not as a quick error.
        Assert.True(apology.Latency >= AgentTimeout, $"the apology came {apology.Latency.TotalMilliseconds:F0} ms after the caller stopped, before the {AgentTimeout.TotalSeconds} s timeout");
        AssertSaid(Apology, Reply, apology.Transcript);
        AssertSaid(Reply, Apology, reply.Transcript);
    }

    [Fact]
    public async Task A_failing_server_gets_the_caller_an_apology_and_the_call_goes_on()
    {
        fixture.Answer(ServerError, Streamed(Reply));
        await using var call = await CallAsync();

        var apology = await call.AskAsync("What are your opening hours?");
        var reply = await call.AskAsync("Are you open on Sunday?");
        await call.Caller.HangupAsync();

        AssertSaid(Apology, Reply, apology.Transcript);
        AssertSaid(Reply, Apology, reply.Transcript);
    }

    [Fact]
    public async Task After_a_barge_in_the_next_request_holds_only_the_part_of_the_reply_the_caller_heard()
    {
        const string longReply = "We bake fresh bread every morning, with rye, sourdough and white loaves. " +
            "Our cakes are made to order for birthdays and weddings. We also sell coffee, tea and cookies all day long.";
        var before = fixture.Server.Requests.Count;
        fixture.Answer(Streamed(longReply), Streamed(Reply));
        await using var call = await CallAsync();
        var question = call.Caller.Media.Say(await CallerVoice.SayAsync("What do you sell?"));
        await question.Sent.WaitAsync(Bound);
        var replyStart = await call.Bot.AudioAfterAsync(question.LastSpeechSent!.Value, ReplyBound, "the long reply");

        // The caller cuts in two seconds into the reply, about a fifth of it.
        var wait = replyStart.Arrival + TimeSpan.FromSeconds(2) - call.Caller.Media.Now;
        var interruption = await CallerVoice.SayAsync("Where are you located?");
        var cut = call.Caller.Media.Say([.. CallerVoice.Pause(wait > TimeSpan.Zero ? wait : TimeSpan.Zero), .. interruption]);
        await cut.Sent.WaitAsync(Bound);
        var answer = await call.Bot.AudioAfterAsync(cut.LastSpeechSent!.Value, ReplyBound, "the reply to the interruption");
        await call.Bot.EndOfReplyAsync(answer, ReplyBound, "the end of the reply to the interruption");
        await call.Caller.HangupAsync();

        var requests = fixture.Server.Requests.Skip(before).ToList();
        Assert.Equal(2, requests.Count);
        var history = requests[1].Body.GetProperty("messages").EnumerateArray().ToList();
        var heard = history.Last(m => m.GetProperty("role").GetString() == "assistant").GetProperty("content").GetString()!;
        output.WriteLine($"second request: {string.Join(" | ", history.Select(m => $"{m.GetProperty("role").GetString()}: {m.GetProperty("content").GetString()}"))}");
        Assert.NotEmpty(heard);
        Assert.StartsWith(heard, longReply, StringComparison.Ordinal);
        Assert.True(heard.Length < longReply.Length / 2, $"the history says the caller heard \"{heard}\" of a reply cut two seconds in");
        Assert.Equal("user", history[^1].GetProperty("role").GetString());
    }

    // Headers go out at once, then nothing until the agent gives up and closes the connection.
    private static async Task SilentUntilAbandoned(HttpContext context)
    {
        await FakeChatCompletionsServer.BeginStreamAsync(context);
        try
        {
            await Task.Delay(ReplyBound, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The agent timed out and abandoned the request, as it should.
        }
    }

    private static async Task ServerError(HttpContext context)
    {
        context.Response.StatusCode = 500;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"error":{"message":"internal error","type":"server_error"}}""");
    }

    private void AssertSaid(string expected, string other, string transcript)
    {
        var wer = WordErrorRate.Percent(expected, transcript);
        var otherWer = WordErrorRate.Percent(other, transcript);
        output.WriteLine($"\"{transcript}\": {wer:F1} % from \"{expected}\", {otherWer:F1} % from \"{other}\"");
        Assert.True(wer < otherWer, $"\"{transcript}\" is closer to \"{other}\" than to \"{expected}\"");
        Assert.InRange(wer, 0, SaidBoundPercent);
    }

    private async Task<Call> CallAsync()
    {
        var caller = await LoopbackCaller.CallAsync(fixture.Host.SipEndPoint);
        var bot = new BotListener(caller.Media, fixture.Recogniser);
        try
        {
            var greeting = await bot.AudioAfterAsync(TimeSpan.Zero, Bound, "the greeting");
            await bot.EndOfReplyAsync(greeting, Bound, "the end of the greeting");
            return new Call(caller, bot, output);
        }
        catch
        {
            await caller.DisposeAsync();
            throw;
        }
    }

    private sealed record Turn(TimeSpan Latency, string Transcript);

    private sealed class Call(LoopbackCaller caller, BotListener bot, ITestOutputHelper output) : IAsyncDisposable
    {
        public LoopbackCaller Caller => caller;

        public BotListener Bot => bot;

        /// <summary>Says <paramref name="text"/> and waits for the bot's whole reply.</summary>
        public async Task<Turn> AskAsync(string text)
        {
            var utterance = caller.Media.Say(await CallerVoice.SayAsync(text));
            await utterance.Sent.WaitAsync(Bound);
            var start = await bot.AudioAfterAsync(utterance.LastSpeechSent!.Value, ReplyBound, $"a reply to \"{text}\"");
            var end = await bot.EndOfReplyAsync(start, ReplyBound, $"the end of the reply to \"{text}\"");
            var transcript = await bot.TranscribeAsync(start.Arrival - TimeSpan.FromMilliseconds(100), end.Arrival + TimeSpan.FromMilliseconds(100));
            var latency = start.Arrival - utterance.LastSpeechSent.Value;
            output.WriteLine($"\"{text}\": reply after {latency.TotalMilliseconds:F0} ms, {(end.Arrival - start.Arrival).TotalSeconds:F1} s long");
            return new Turn(latency, transcript);
        }

        public ValueTask DisposeAsync() => caller.DisposeAsync();
    }
}
