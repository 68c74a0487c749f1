using System.Globalization;
using System.Text;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Writes a baresip 1.0.0 configuration directory (config, accounts, contacts) for a peer that binds
/// only 127.0.0.1, needs no sound card and takes its commands on standard input.
/// </summary>
internal static class BaresipConfig
{
    /// <summary>Where Debian's baresip package installs its modules.</summary>
    public const string ModulePath = "/usr/lib/baresip/modules";

    // Any device name works: nothing reads from this aubridge device, so received audio is dropped.
    private const string NullDevice = "phoneagent-sink";

    public static void Write(string directory, int sipPort, BaresipOptions options)
    {
        var config = new StringBuilder()
            .AppendLine("poll_method\t\tepoll")
            .AppendLine(Invariant($"sip_listen\t\t127.0.0.1:{sipPort}"))
            // Without this baresip writes the first non-loopback address into SDP c= lines and binds
            // RTP there; "lo" is rejected ("could not get IPv4 address"), the address is accepted.
            .AppendLine("net_interface\t\t127.0.0.1")
            .AppendLine("call_local_timeout\t60")
            .AppendLine("call_max_calls\t\t4")
            .AppendLine(Invariant($"audio_player\t\taubridge,{NullDevice}"))
            .AppendLine(Invariant($"audio_alert\t\taubridge,{NullDevice}"));
        if (options.AudioSourceWav is { } wav)
        {
            var (rate, channels, _) = WavFile.Read(wav);
            // aufile refuses a file whose rate or channel count differs from what the source is opened
            // with, so open it with the file's own format and let baresip resample to the codec.
            config.AppendLine(Invariant($"audio_source\t\taufile,{Path.GetFullPath(wav)}"))
                .AppendLine(Invariant($"ausrc_srate\t\t{rate}"))
                .AppendLine(Invariant($"ausrc_channels\t\t{channels}"));
        }
        else
        {
            // ausine only produces 48 kHz stereo ("supports only 48kHz samplerate / 2 channels").
            config.AppendLine("audio_source\t\tausine,440")
                .AppendLine("ausrc_srate\t\t48000")
                .AppendLine("ausrc_channels\t\t2");
        }
        config.AppendLine(Invariant($"module_path\t\t{ModulePath}"))
            // stdio reads commands from standard input; it warns that stdin is no terminal and works anyway.
            .AppendLine("module\t\t\tstdio.so")
            .AppendLine("module\t\t\tg711.so");
        if (File.Exists(Path.Combine(ModulePath, "opus.so"))) config.AppendLine("module\t\t\topus.so");
        config.AppendLine("module\t\t\tausine.so")
            .AppendLine("module\t\t\taufile.so")
            .AppendLine("module\t\t\taubridge.so");
        if (options.RecordDirectory is { } record)
        {
            config.AppendLine("module\t\t\tsndfile.so")
                .AppendLine(Invariant($"snd_path\t\t{Path.GetFullPath(record)}"));
        }
        config.AppendLine("module_tmp\t\taccount.so")
            // menu provides the /dial, /accept, /hangup and /quit commands.
            .AppendLine("module_app\t\tmenu.so");
        File.WriteAllText(Path.Combine(directory, "config"), config.ToString());

        // regint=0: no REGISTER, the account only names this user agent.
        var account = new StringBuilder(Invariant($"<sip:{options.User}@127.0.0.1>;regint=0"))
            .Append(options.AutoAnswer ? ";answermode=auto" : ";answermode=manual");
        if (options.AudioCodecs.Count > 0) account.Append(";audio_codecs=").Append(string.Join(',', options.AudioCodecs));
        File.WriteAllText(Path.Combine(directory, "accounts"), account.AppendLine().ToString());

        // An empty contacts file stops baresip from writing its template with example contacts.
        File.WriteAllText(Path.Combine(directory, "contacts"), "");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
