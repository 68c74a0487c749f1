using PhoneAgent.Testing.Calls;

namespace PhoneAgent.ConversationBench;

/// <summary>
/// Plays the caller's part of a conversation on one loopback call: listens to the bot for a while, then asks the
/// next question whether or not the bot is still talking (a barge-in when it is), and times the bot from the
/// packets the caller captured.
/// </summary>
internal sealed class ScriptedCall(LoopbackCaller caller, IReadOnlyList<Question> questions, Random random)
{
    /// <summary>How long the bot may take to start replying before the turn counts as unanswered.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(4);

    // Bot audio this close before the onset means the bot was talking when the caller started.
    private static readonly TimeSpan TalkingWindow = TimeSpan.FromMilliseconds(100);

    // Bot audio this close before the end of the question means the barge-in never took.
    private static readonly TimeSpan TalkedOverWindow = TimeSpan.FromMilliseconds(200);

    private readonly List<CapturedPacket> _packets = [];
    private int _next = random.Next(questions.Count);

    /// <summary>Every packet captured so far (refreshed as the call runs).</summary>
    public IReadOnlyList<CapturedPacket> Packets => _packets;

    /// <summary>The call's media clock.</summary>
    public TimeSpan Now => caller.Media.Now;

    /// <summary>
    /// Runs up to <paramref name="turns"/> questions, each asked once the bot has talked for <paramref name="listen"/>
    /// (or at once if it stays silent), reporting each turn; stops early when the bot hangs up, twice in a row does not
    /// answer, or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RunAsync(int turns, Func<TimeSpan> listen, Action<TurnResult> report, CancellationToken cancellationToken)
    {
        var since = TimeSpan.Zero;
        var unanswered = 0;
        for (var turn = 0; turn < turns && !caller.RemoteHangup.IsCompleted; turn++)
        {
            // The greeting or the previous reply: let the caller hear part of it, then talk.
            if (await WaitForAudioAsync(since, cancellationToken) is not null) await Task.Delay(listen(), cancellationToken);
            if (caller.RemoteHangup.IsCompleted) return;

            var question = questions[_next];
            _next = (_next + 1) % questions.Count;
            var utterance = caller.Media.Say(question.Pcm8k);
            await utterance.Sent.WaitAsync(cancellationToken);
            var onset = utterance.FirstSpeechSent!.Value;
            var end = utterance.LastSpeechSent!.Value;
            var reply = await WaitForAudioAsync(end, cancellationToken);
            Refresh();
            report(Measure(onset, end, reply));
            since = end;
            unanswered = reply is null ? unanswered + 1 : 0;
            if (unanswered == 2) return;
        }
    }

    private TurnResult Measure(TimeSpan onset, TimeSpan end, CapturedPacket? reply)
    {
        var talkingAtOnset = false;
        CapturedPacket? lastDuring = null;
        foreach (var p in _packets)
        {
            if (p.Level <= WireTimeline.AudioLevel) continue;
            if (p.Arrival >= onset - TalkingWindow && p.Arrival < onset) talkingAtOnset = true;
            if (p.Arrival >= onset && p.Arrival <= end) lastDuring = p;
        }

        var talkedOver = lastDuring is not null && lastDuring.Arrival > end - TalkedOverWindow;
        double? bargeIn = talkingAtOnset ? ((lastDuring?.Arrival ?? onset) - onset).TotalMilliseconds : null;
        double? voiceToVoice = reply is not null && !talkedOver ? (reply.Arrival - end).TotalMilliseconds : null;
        return new TurnResult(end, bargeIn, voiceToVoice, talkedOver);
    }

    // The first bot audio packet that arrives at or after `after`, polling the captures every 20 ms, or null when
    // none comes within the reply timeout or the bot hangs up.
    private async Task<CapturedPacket?> WaitForAudioAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        var deadline = Now + ReplyTimeout;
        var scanned = 0;
        while (true)
        {
            Refresh();
            for (; scanned < _packets.Count; scanned++)
            {
                var p = _packets[scanned];
                if (p.Arrival >= after && p.Level > WireTimeline.AudioLevel) return p;
            }

            if (Now > deadline || caller.RemoteHangup.IsCompleted) return null;
            await Task.Delay(20, cancellationToken);
        }
    }

    private void Refresh() => _packets.AddRange(caller.Media.ReceivedSince(_packets.Count));
}
