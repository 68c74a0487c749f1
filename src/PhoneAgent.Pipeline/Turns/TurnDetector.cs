using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Turns;

/// <summary>
/// Turns two detectors' per-frame scores into caller turns. The fast onset detector reacts within one frame, which is
/// what lets barge-in pause the bot at once; the confirming detector (Silero) decides whether that onset was speech.
/// Counts 20 ms frames rather than reading a clock, so it is exact on any timeline. Not thread-safe.
/// </summary>
public sealed class TurnDetector
{
    private static readonly TimeSpan FrameDuration = PipelineAudio.Duration(PipelineAudio.FrameSamples);

    private readonly TurnDetectorSettings _settings;
    private readonly int _minSpeechFrames;
    private readonly int _confirmWindowFrames;
    private readonly int _endOfTurnFrames;
    private readonly int _completeTurnFrames;
    private readonly int _speechEndLagFrames;
    private int _framesSinceOnset;
    private int _confirmedFrames;
    private int _silentFrames;
    private int _quietFrames;

    /// <summary>Creates a detector in the <see cref="TurnState.Silence"/> state.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public TurnDetector(TurnDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _minSpeechFrames = Frames(settings.MinSpeech);
        _confirmWindowFrames = Frames(settings.ConfirmWindow);
        _endOfTurnFrames = Frames(settings.EndOfTurnSilence);
        _completeTurnFrames = settings.CompleteTurnSilence > TimeSpan.Zero ? Frames(settings.CompleteTurnSilence) : _endOfTurnFrames;
        _speechEndLagFrames = Frames(settings.SpeechEndLag);
    }

    /// <summary>Where the caller is now.</summary>
    public TurnState State { get; private set; }

    /// <summary>Frames of silence since the caller's last speech frame (meaningful while <see cref="TurnState.Speaking"/>).</summary>
    public int SilentFrames { get; private set; }

    /// <summary>
    /// Whether the caller's turn is open but silent for longer than its shortest possible end
    /// (<see cref="TurnDetectorSettings.CompleteTurnSilence"/>, or <see cref="TurnDetectorSettings.EndOfTurnSilence"/>
    /// when that is off): a recogniser has had the silence that settles the last word by then, and more of it changes
    /// nothing unless the caller speaks again.
    /// </summary>
    public bool PastShortestEnd => State == TurnState.Speaking && SilentFrames > _completeTurnFrames;

    /// <summary>Feeds the two detectors' scores for one frame and returns what changed.</summary>
    /// <param name="onsetScore">The fast detector's score.</param>
    /// <param name="confirmScore">The confirming detector's score.</param>
    /// <param name="complete">
    /// Whether the caller's words so far already form a complete turn; the turn then ends after
    /// <see cref="TurnDetectorSettings.CompleteTurnSilence"/> instead of <see cref="TurnDetectorSettings.EndOfTurnSilence"/>.
    /// </param>
    public TurnEvent Process(float onsetScore, float confirmScore, bool complete = false)
    {
        var onset = onsetScore >= _settings.OnsetThreshold;
        var confirmed = confirmScore >= _settings.ConfirmThreshold;
        switch (State)
        {
            case TurnState.Silence:
                if (!onset && !confirmed) return TurnEvent.None;
                State = TurnState.Onset;
                _framesSinceOnset = 1;
                _confirmedFrames = confirmed ? 1 : 0;
                _silentFrames = 0;
                return Promote() ?? TurnEvent.Onset;

            case TurnState.Onset:
                _framesSinceOnset++;
                if (confirmed) _confirmedFrames++;
                _silentFrames = onset || confirmed ? 0 : _silentFrames + 1;
                if (Promote() is { } promoted) return promoted;

                // Speech that stops before it was long enough, or noise the confirming detector never agrees with.
                if (_silentFrames >= _minSpeechFrames || _framesSinceOnset >= _confirmWindowFrames)
                {
                    State = TurnState.Silence;
                    return TurnEvent.Rejected;
                }

                return TurnEvent.None;

            default:
                // Whether the caller is silent follows the confirming detector only, as the fast one also fires on
                // noise; but once it agrees, the silence is dated from the fast detector's last speech frame when that
                // came earlier, by at most SpeechEndLag, since the confirming detector is late to call the end.
                _silentFrames = confirmed ? 0 : _silentFrames + 1;
                _quietFrames = onset ? 0 : _quietFrames + 1;
                SilentFrames = _silentFrames == 0 ? 0 : Math.Max(_silentFrames, Math.Min(_quietFrames, _silentFrames + _speechEndLagFrames));
                if (SilentFrames < (complete ? _completeTurnFrames : _endOfTurnFrames)) return TurnEvent.None;
                State = TurnState.Silence;
                return TurnEvent.EndOfTurn;
        }
    }

    private TurnEvent? Promote()
    {
        if (_confirmedFrames < _minSpeechFrames) return null;
        State = TurnState.Speaking;
        _silentFrames = 0;
        _quietFrames = 0;
        SilentFrames = 0;
        return TurnEvent.Confirmed;
    }

    private static int Frames(TimeSpan duration) => (int)Math.Ceiling(duration / FrameDuration);
}
