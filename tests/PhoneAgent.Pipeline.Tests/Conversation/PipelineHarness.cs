using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Tests.Conversation.Fakes;
using PhoneAgent.Pipeline.Turns;
using PhoneAgent.Testing;

namespace PhoneAgent.Pipeline.Tests.Conversation;

/// <summary>
/// A whole conversation pipeline over fakes on virtual time (STYLE §8). Each <see cref="StepAsync"/> is one 20 ms
/// packet time: the clock advances, the port sends one frame of bot audio, then one caller frame goes in and the
/// step returns once the pipeline has processed it.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly TimeSpan Frame = PipelineAudio.Duration(PipelineAudio.FrameSamples);

    public PipelineHarness(ConversationSettings? settings = null, string? greeting = null)
    {
        Port = new FakeAudioPort(Signal);
        Agent = new FakeAgent(Time, Signal) { Greeting = greeting };
        Stt = new FakeSpeechToText(Signal);
        Tts = new FakeTextToSpeech(Signal);
        Call = new FakeCallControl(Port, Signal);
        Observer = new RecordingObserver(Signal);
        Settings = settings ?? new ConversationSettings
        {
            Turn = new TurnDetectorSettings { MinSpeech = TimeSpan.FromMilliseconds(200), EndOfTurnSilence = TimeSpan.FromMilliseconds(600) },
        };
        Pipeline = new ConversationPipeline(Port, Call, Onset, Confirm, Stt, Agent, Tts, Settings, Time, Log, Observer, Arrival);
    }

    public Signal Signal { get; } = new();

    public ListLogger Log { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public FakeAudioPort Port { get; }

    public FakeVad Onset { get; } = new("fast", 0);

    public FakeVad Confirm { get; } = new("silero", 1);

    /// <summary>The fast detector that hears <see cref="FakeAudioPort.Arrive"/>d audio, ahead of the frames.</summary>
    public FakeVad Arrival { get; } = new("arrival", 0);

    public FakeSpeechToText Stt { get; }

    public FakeAgent Agent { get; }

    public FakeTextToSpeech Tts { get; }

    public FakeCallControl Call { get; }

    public RecordingObserver Observer { get; }

    public ConversationSettings Settings { get; }

    public ConversationPipeline Pipeline { get; }

    public Task<bool>? Run { get; private set; }

    /// <summary>Frames in <see cref="TurnDetectorSettings.EndOfTurnSilence"/>.</summary>
    public int EndOfTurnFrames => (int)(Settings.Turn.EndOfTurnSilence / Frame);

    public int ConfirmWindowFrames => (int)(Settings.Turn.ConfirmWindow / Frame);

    public int MinSpeechFrames => (int)(Settings.Turn.MinSpeech / Frame);

    public void Start() => Run = Pipeline.RunAsync(CancellationToken.None);

    public async Task StepAsync(short[] callerFrame)
    {
        Time.Advance(Frame);
        Port.Tick();
        var pushed = Port.Frames.PushAsync(callerFrame);

        // Once the pipeline has ended (the bot hung up) nobody reads the frame.
        if (Run is null || await Task.WhenAny(pushed, Run) == pushed) await pushed;
    }

    public async Task StepsAsync(int count, Func<short[]> frame)
    {
        for (var i = 0; i < count; i++) await StepAsync(frame());
    }

    /// <summary>The caller says something for <paramref name="frames"/> frames, then is silent until the turn ends.</summary>
    public async Task SayAsync(string transcript, int frames = 15)
    {
        Stt.WillHear(transcript);
        await StepsAsync(frames, CallerAudio.Speech);
        await StepsAsync(EndOfTurnFrames, CallerAudio.Silence);
    }

    /// <summary>
    /// Steps silence until <paramref name="condition"/> holds. Between steps it lets the pipeline's own threads catch
    /// up (until something changes, at most 2 ms), so the virtual clock does not race ahead of the agent and
    /// synthesiser; use it only where the exact step count does not matter.
    /// </summary>
    public async Task StepUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what + Environment.NewLine + Log);
            await StepAsync(CallerAudio.Silence());
            var next = Signal.Next;
            if (!condition()) await Task.WhenAny(next, Task.Delay(2));
        }
    }

    public Task WaitUntilAsync(Func<bool> condition, string what) => Signal.WaitUntilAsync(condition, what);

    /// <summary>Waits until the reply's audio is all queued at the port, so that stepping is deterministic from here.</summary>
    public Task WaitForQueuedAsync(long totalSamples) => WaitUntilAsync(() => Port.TotalQueued >= totalSamples, $"{totalSamples} samples queued");

    public static long Samples(string text) => (long)text.Length * FakeTextToSpeech.SamplesPerChar;

    public async ValueTask DisposeAsync()
    {
        Port.Frames.Complete();
        if (Run is not null) await Run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
