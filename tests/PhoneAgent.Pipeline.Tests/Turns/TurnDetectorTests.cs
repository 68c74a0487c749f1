using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Tests.Turns;

public class TurnDetectorTests
{
    private static readonly TurnDetectorSettings Settings = new()
    {
        MinSpeech = TimeSpan.FromMilliseconds(200),
        ConfirmWindow = TimeSpan.FromMilliseconds(500),
        EndOfTurnSilence = TimeSpan.FromMilliseconds(600),
    };

    [Fact]
    public void Onset_is_reported_on_the_first_frame_and_confirmed_after_min_speech()
    {
        var detector = new TurnDetector(Settings);
        Assert.Equal(TurnEvent.None, detector.Process(0.1f, 0.1f));
        Assert.Equal(TurnEvent.Onset, detector.Process(0.9f, 0.1f));
        var events = Enumerable.Range(0, 10).Select(_ => detector.Process(0.9f, 0.9f)).ToList();
        Assert.Equal(TurnEvent.Confirmed, events[9]);
        Assert.All(events[..9], e => Assert.Equal(TurnEvent.None, e));
        Assert.Equal(TurnState.Speaking, detector.State);
    }

    [Fact]
    public void Cough_shorter_than_min_speech_is_rejected()
    {
        var detector = new TurnDetector(Settings);
        Assert.Equal(TurnEvent.Onset, detector.Process(0.9f, 0.9f));
        Assert.Equal(TurnEvent.None, detector.Process(0.9f, 0.9f));
        var events = Enumerable.Range(0, 10).Select(_ => detector.Process(0.1f, 0.1f)).ToList();
        Assert.Equal(TurnEvent.Rejected, events[9]);
        Assert.DoesNotContain(TurnEvent.Confirmed, events);
        Assert.Equal(TurnState.Silence, detector.State);
    }

    [Fact]
    public void Noise_the_confirming_detector_never_agrees_with_is_rejected_at_the_confirm_window()
    {
        var detector = new TurnDetector(Settings);
        var events = Enumerable.Range(0, 25).Select(_ => detector.Process(0.9f, 0.1f)).ToList();
        Assert.Equal(TurnEvent.Onset, events[0]);
        Assert.Equal(TurnEvent.Rejected, events[24]);
        Assert.Equal(24, events.Count(e => e == TurnEvent.None) + 1);
    }

    [Fact]
    public void Turn_ends_after_the_end_of_turn_silence_and_short_pauses_do_not_end_it()
    {
        var detector = new TurnDetector(Settings);
        for (var i = 0; i < 10; i++) detector.Process(0.9f, 0.9f);
        for (var i = 0; i < 29; i++) Assert.Equal(TurnEvent.None, detector.Process(0.1f, 0.1f));
        Assert.Equal(TurnEvent.None, detector.Process(0.9f, 0.9f));
        for (var i = 0; i < 29; i++) Assert.Equal(TurnEvent.None, detector.Process(0.1f, 0.1f));
        Assert.Equal(TurnEvent.EndOfTurn, detector.Process(0.1f, 0.1f));
        Assert.Equal(30, detector.SilentFrames);
    }

    [Fact]
    public void Complete_turn_ends_after_the_complete_turn_silence_and_an_incomplete_one_waits_for_the_full_silence()
    {
        var settings = Settings with { CompleteTurnSilence = TimeSpan.FromMilliseconds(200) };
        var detector = new TurnDetector(settings);
        for (var i = 0; i < 10; i++) detector.Process(0.9f, 0.9f, complete: true);
        for (var i = 0; i < 9; i++) Assert.Equal(TurnEvent.None, detector.Process(0.1f, 0.1f, complete: true));
        Assert.Equal(TurnEvent.EndOfTurn, detector.Process(0.1f, 0.1f, complete: true));
        Assert.Equal(10, detector.SilentFrames);

        for (var i = 0; i < 10; i++) detector.Process(0.9f, 0.9f, complete: false);
        for (var i = 0; i < 29; i++) Assert.Equal(TurnEvent.None, detector.Process(0.1f, 0.1f, complete: false));
        Assert.Equal(TurnEvent.EndOfTurn, detector.Process(0.1f, 0.1f, complete: false));

        // Off: a complete turn waits for the full silence too.
        var off = new TurnDetector(Settings with { CompleteTurnSilence = TimeSpan.Zero });
        for (var i = 0; i < 10; i++) off.Process(0.9f, 0.9f, complete: true);
        for (var i = 0; i < 29; i++) Assert.Equal(TurnEvent.None, off.Process(0.1f, 0.1f, complete: true));
        Assert.Equal(TurnEvent.EndOfTurn, off.Process(0.1f, 0.1f, complete: true));
    }

    [Theory]
    [InlineData(6, 24)]
    [InlineData(10, 24)]
    [InlineData(3, 27)]
    public void Silence_is_dated_from_the_fast_detectors_end_by_at_most_the_speech_end_lag(int lagging, int confirmedSilent)
    {
        // SpeechEndLag 120 ms: six frames. The confirming detector still scores speech for `lagging` frames after the
        // fast one went quiet; the turn ends once the silence since the fast detector's end (at most six frames more
        // than the confirming detector's) reaches 600 ms.
        var detector = new TurnDetector(Settings);
        for (var i = 0; i < 10; i++) detector.Process(0.9f, 0.9f);
        for (var i = 0; i < lagging; i++) Assert.Equal(TurnEvent.None, detector.Process(0.1f, 0.9f));
        for (var i = 0; i < confirmedSilent - 1; i++) Assert.Equal(TurnEvent.None, detector.Process(0.1f, 0.1f));
        Assert.Equal(TurnEvent.EndOfTurn, detector.Process(0.1f, 0.1f));
        Assert.Equal(30, detector.SilentFrames);
    }

    [Fact]
    public void Noise_the_fast_detector_hears_after_speech_leaves_the_end_to_the_confirming_detector()
    {
        var detector = new TurnDetector(Settings);
        for (var i = 0; i < 10; i++) detector.Process(0.9f, 0.9f);
        for (var i = 0; i < 29; i++) Assert.Equal(TurnEvent.None, detector.Process(0.9f, 0.1f));
        Assert.Equal(TurnEvent.EndOfTurn, detector.Process(0.9f, 0.1f));
        Assert.Equal(30, detector.SilentFrames);
    }

    [Theory]
    [InlineData(nameof(TurnDetectorSettings.OnsetThreshold))]
    [InlineData(nameof(TurnDetectorSettings.MinSpeech))]
    [InlineData(nameof(TurnDetectorSettings.ConfirmWindow))]
    [InlineData(nameof(TurnDetectorSettings.EndOfTurnSilence))]
    [InlineData(nameof(TurnDetectorSettings.CompleteTurnSilence))]
    [InlineData(nameof(TurnDetectorSettings.SpeechEndLag))]
    public void Bad_settings_are_refused_naming_the_setting(string setting)
    {
        var bad = setting switch
        {
            nameof(TurnDetectorSettings.OnsetThreshold) => Settings with { OnsetThreshold = 0 },
            nameof(TurnDetectorSettings.MinSpeech) => Settings with { MinSpeech = TimeSpan.Zero },
            nameof(TurnDetectorSettings.ConfirmWindow) => Settings with { ConfirmWindow = TimeSpan.FromMilliseconds(100) },
            nameof(TurnDetectorSettings.EndOfTurnSilence) => Settings with { EndOfTurnSilence = TimeSpan.Zero },
            nameof(TurnDetectorSettings.CompleteTurnSilence) => Settings with { CompleteTurnSilence = TimeSpan.FromMilliseconds(700) },
            _ => Settings with { SpeechEndLag = TimeSpan.FromMilliseconds(-20) },
        };
        var e = Assert.Throws<ArgumentException>(() => new TurnDetector(bad));
        Assert.StartsWith(setting, e.Message, StringComparison.Ordinal);
    }
}
