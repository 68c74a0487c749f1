namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>How to set up a baresip peer (see <see cref="BaresipRunner"/>).</summary>
public sealed record BaresipOptions
{
    /// <summary>
    /// User part of the local account. baresip 1.0.0 takes an incoming call only when the Request-URI
    /// user matches an account (otherwise 404), so callers must dial <see cref="BaresipRunner.Uri"/>.
    /// </summary>
    public string User { get; init; } = "peer";

    /// <summary>Answer incoming calls at once (account <c>answermode=auto</c>); otherwise they ring until <see cref="BaresipRunner.AcceptAsync"/>.</summary>
    public bool AutoAnswer { get; init; }

    /// <summary>
    /// Codecs to offer and accept, in order, as baresip names them (e.g. <c>PCMU</c>, <c>PCMA</c>,
    /// <c>opus/48000/2</c>); empty keeps baresip's order: PCMU, PCMA, opus.
    /// </summary>
    public IReadOnlyList<string> AudioCodecs { get; init; } = [];

    /// <summary>
    /// A 16-bit PCM WAV file to play to the far end once per call (baresip's aufile source; silence after
    /// its end); null plays a continuous 440 Hz tone. Its sample rate and channel count are read from the file.
    /// </summary>
    public string? AudioSourceWav { get; init; }

    /// <summary>
    /// When set, baresip's sndfile module writes every call's audio as WAV files into this directory:
    /// dump-&lt;time&gt;-enc.wav is what it sent, dump-&lt;time&gt;-dec.wav what it received.
    /// </summary>
    public string? RecordDirectory { get; init; }

    /// <summary>Print every SIP message baresip sends and receives (<c>-s</c>) into its output.</summary>
    public bool SipTrace { get; init; }

    /// <summary>How long baresip may take to print that it is ready.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// baresip quits by itself after this long (<c>-t</c>), a backstop in case the test process dies
    /// before it can dispose the runner.
    /// </summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(3);
}
