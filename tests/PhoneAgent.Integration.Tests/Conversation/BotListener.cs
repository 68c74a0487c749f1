using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Testing.Calls;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Conversation;

/// <summary>
/// Follows the bot's side of a <see cref="CallerMedia"/> call from the packets the caller captured: waits (bounded)
/// until the bot starts or stops talking, and transcribes what it said in a stretch of the call.
/// </summary>
internal sealed class BotListener(CallerMedia media, ISpeechToText recogniser)
{
    // A pause between clauses of one reply stays well under this; the end of a reply is followed by much longer silence.
    public static readonly TimeSpan EndOfReply = TimeSpan.FromMilliseconds(700);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>The first audible packet from the bot at or after <paramref name="after"/>.</summary>
    public Task<CapturedPacket> AudioAfterAsync(TimeSpan after, TimeSpan timeout, string what) =>
        UntilAsync(() => WireTimeline.FirstAudioAfter(media.Received, after), timeout, what);

    /// <summary>
    /// The bot's last audible packet before it fell silent for <see cref="EndOfReply"/>, looking from
    /// <paramref name="after"/> on: when the bot was already silent then, the last audio before it.
    /// </summary>
    public Task<CapturedPacket> LastAudioBeforeSilenceAsync(TimeSpan after, TimeSpan timeout, string what) =>
        UntilAsync(() => WireTimeline.LastAudioBeforeSilence(media.Received, after, EndOfReply), timeout, what);

    /// <summary>The last audible packet of the reply that began with <paramref name="start"/>.</summary>
    public Task<CapturedPacket> EndOfReplyAsync(CapturedPacket start, TimeSpan timeout, string what) =>
        LastAudioBeforeSilenceAsync(start.Arrival + TimeSpan.FromTicks(1), timeout, what);

    /// <summary>What the recogniser hears in the bot's audio between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public Task<string> TranscribeAsync(TimeSpan from, TimeSpan to)
    {
        var audio = media.ReceivedAudio();
        var start = Math.Clamp((int)(from.TotalSeconds * Telephone.SampleRate), 0, audio.Length);
        var end = Math.Clamp((int)(to.TotalSeconds * Telephone.SampleRate), start, audio.Length);
        return Telephone.TranscribeAsync(recogniser, audio[start..end]);
    }

    private async Task<CapturedPacket> UntilAsync(Func<CapturedPacket?> probe, TimeSpan timeout, string what)
    {
        var deadline = media.Now + timeout;
        while (true)
        {
            if (probe() is { } packet) return packet;
            if (media.Now > deadline) throw new TimeoutException($"{what}: not seen within {timeout.TotalSeconds:F0} s ({media.Received.Count} packets captured)");
            await Task.Delay(Poll);
        }
    }
}
