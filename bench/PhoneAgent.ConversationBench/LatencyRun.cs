using PhoneAgent.Testing.Calls;

namespace PhoneAgent.ConversationBench;

/// <summary>
/// Part one: scripted turns on one call at a time, so that nothing but the conversation loads the bot. Each call
/// asks a few questions (the first barges into the greeting) and then hangs up; a call the bot ends early is
/// replaced by a new one.
/// </summary>
internal static class LatencyRun
{
    private const int TurnsPerCall = 5;

    /// <summary>Runs calls until <paramref name="turns"/> questions were asked; returns every turn.</summary>
    public static async Task<List<TurnResult>> RunAsync(BotProcess bot, IReadOnlyList<Question> questions, int turns, Random random, CancellationToken cancellationToken)
    {
        var results = new List<TurnResult>();
        var failedCalls = 0;
        while (results.Count < turns && failedCalls < 3)
        {
            await using var caller = await LoopbackCaller.CallAsync(bot.SipEndPoint, cancellationToken: cancellationToken);
            var call = new ScriptedCall(caller, questions, random);
            var before = results.Count;

            // Between 0.8 and 2 s into what the bot says: mid-sentence, so the barge-in cuts real speech.
            await call.RunAsync(Math.Min(TurnsPerCall, turns - results.Count), () => TimeSpan.FromMilliseconds(random.Next(800, 2000)), results.Add, cancellationToken);
            failedCalls = results.Count == before ? failedCalls + 1 : 0;
            if (!caller.RemoteHangup.IsCompleted) await caller.HangupAsync(cancellationToken);
        }

        return results;
    }
}
