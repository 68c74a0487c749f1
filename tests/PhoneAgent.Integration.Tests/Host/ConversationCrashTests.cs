using PhoneAgent.Host.CallRecords;
using PhoneAgent.Integration.Tests.Conversation;
using PhoneAgent.Integration.Tests.Media;
using PhoneAgent.Testing.Calls;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// kill -9 in the middle of a conversation: call.json still holds every turn completed before the kill. It runs a
/// whole speech pipeline, so it runs with the other real-time tests rather than beside them.
/// </summary>
[Collection(RealTimeMediaCollection.Name)]
public sealed class ConversationCrashTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task After_kill_9_mid_conversation_the_record_keeps_the_completed_turn()
    {
        var question = await CallerVoice.SayAsync("What are your opening hours?");
        await using var host = await RunningHost.StartAsync();
        await using var caller = await LoopbackCaller.CallAsync(host.SipEndPoint);

        // The caller asks over the greeting; the turn is complete once the bot has answered it.
        caller.Media.Say([.. CallerVoice.Pause(TimeSpan.FromSeconds(1)), .. question]);
        var folder = await Eventually.WaitAsync(() => Task.FromResult(host.CallFolders().SingleOrDefault()), f => f is not null, Bound, "the call's folder");
        var answered = await Eventually.WaitAsync(
            () => Task.FromResult(ReadRecord(folder!)),
            r => r?.Turns.Any(t => !string.IsNullOrEmpty(t.UserTranscript)) == true, TimeSpan.FromSeconds(60), "a completed turn in call.json");
        host.Process.KillHard();

        // What was on disk before the kill is all there, and nothing half-written replaced it.
        var record = CallRecordWriter.Read(Path.Combine(folder!, CallRecordWriter.FileName));
        Assert.Equal(CallOutcome.InProgress, record.Outcome);
        var turn = answered!.Turns.First(t => !string.IsNullOrEmpty(t.UserTranscript));
        Assert.Contains(record.Turns, t => t.UserTranscript == turn.UserTranscript && t.BotTextSaid == turn.BotTextSaid && t.StartedAt == turn.StartedAt);
        Assert.False(string.IsNullOrWhiteSpace(turn.BotTextSaid), "the bot's reply to the caller's question");
        var sox = await CallRecordCrashTests.Run("sox", "--i", Path.Combine(folder!, CallSession.RecordingFileName));
        Assert.True(sox.Code == 0, sox.Output);
    }

    // A call.json being replaced reads as absent rather than failing the wait.
    private static CallRecord? ReadRecord(string folder)
    {
        try
        {
            return CallRecordWriter.Read(Path.Combine(folder, CallRecordWriter.FileName));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
