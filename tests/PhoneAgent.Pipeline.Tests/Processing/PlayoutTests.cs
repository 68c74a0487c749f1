using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Processing;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;
using PhoneAgent.Pipeline.Turns;
using PhoneAgent.Testing;

namespace PhoneAgent.Pipeline.Tests.Processing;

public class PlayoutTests
{
    [Fact]
    public async Task Interrupted_speech_finishes_after_the_hard_timeout_when_playback_reports_are_lost()
    {
        var time = new ManualTimeProvider();
        var port = new FakeAudioPort(new Signal());
        var outcomes = new List<SpeechOutcome>();
        Playout? playout = null;
        var turns = new TurnTracker(time, h => playout!.Interrupt(h));
        playout = new Playout(port, time, TimeSpan.FromMilliseconds(500), (h, o) => { outcomes.Add(o); h.Complete(o); }, NullLogger.Instance);
        var handle = turns.Begin(true, "question");
        playout.Begin(handle);
        playout.Append(handle.Id, "Some answer.", new short[3200]);

        // The port's reports never reach the playout (nobody forwards them here).
        handle.Interrupt();
        Assert.False(handle.Done.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(handle.Done.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var outcome = await handle.Done.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(outcome.Interrupted);
        Assert.Equal("Some answer.", outcome.TextSaid);
        Assert.Equal(string.Empty, outcome.TextHeard);
        Assert.Single(outcomes);
        Assert.Equal(0, time.ActiveTimerCount);
    }

    [Fact]
    public void Pause_has_nothing_to_do_without_an_interruptible_turn_in_flight()
    {
        var time = new ManualTimeProvider();
        var port = new FakeAudioPort(new Signal());
        var playout = new Playout(port, time, TimeSpan.FromMilliseconds(500), (h, o) => h.Complete(o), NullLogger.Instance);
        Assert.False(playout.Pause());

        var turns = new TurnTracker(time, playout.Interrupt);
        var greeting = turns.Begin(allowInterruptions: false, string.Empty);
        playout.Begin(greeting);
        playout.Append(greeting.Id, "Welcome.", new short[640]);
        Assert.False(playout.Pause());
        Assert.Empty(port.Cuts);
    }
}
