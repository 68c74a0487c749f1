using System.Diagnostics;
using PhoneAgent.Host.CallRecords;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>kill -9 during a call leaves a valid call.json and a playable recording, and the host comes back.</summary>
[Collection(HostProcessCollection.Name)]
public sealed class CallRecordCrashTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task After_kill_9_mid_call_the_record_is_valid_the_recording_plays_and_a_restart_answers()
    {
        await using var host = await RunningHost.StartAsync();
        var pcap = Path.Combine(host.Work.FullName, "tone.pcap");
        RtpPcapWriter.WriteG711(pcap, Tone(seconds: 6), payloadType: 0);

        await using (var sipp = await SippRunner.StartAsync(new SippOptions
        {
            ScenarioFile = SippScenarios.WithPcap(pcap, host.Work.FullName),
            Target = host.SipEndPoint,
            Pause = TimeSpan.FromSeconds(8),
            Timeout = Bound,
        }))
        {
            // The recorder patches the WAV header every second; wait until at least one second is on disk.
            var wav = await Eventually.WaitAsync(
                () => Task.FromResult(host.Recordings().FirstOrDefault(f => new FileInfo(f).Length > 44 + (16000 * 4))),
                f => f is not null, Bound, "a recording with a second of audio");
            host.Process.KillHard();

            var record = CallRecordWriter.Read(Path.Combine(Assert.Single(host.CallFolders()), CallRecordWriter.FileName));
            Assert.False(string.IsNullOrEmpty(record.CallId));
            Assert.Equal(CallOutcome.InProgress, record.Outcome);
            Assert.Null(record.EndedAt);

            var sox = await Run("sox", "--i", wav!);
            Assert.True(sox.Code == 0, sox.Output);
            Assert.Contains("Channels       : 2", sox.Output, StringComparison.Ordinal);
            Assert.Contains("Sample Rate    : 16000", sox.Output, StringComparison.Ordinal);
        }

        await host.RestartAsync();
        var next = await SippRunner.RunAsync(new SippOptions { ScenarioFile = SippScenarios.BasicCall, Target = host.SipEndPoint, Pause = TimeSpan.FromMilliseconds(200), Timeout = Bound });
        Assert.True(next.Succeeded(1), next.Describe());
        var records = await Eventually.WaitAsync(
            () => Task.FromResult(host.CallFolders().Select(f => CallRecordWriter.Read(Path.Combine(f, CallRecordWriter.FileName))).ToList()),
            r => r.Count(c => c.Outcome == CallOutcome.Answered) == 1, Bound, "the call after the restart recorded");
        Assert.Equal(2, records.Count);
    }

    private static byte[] Tone(double seconds)
    {
        var samples = new short[(int)(8000 * seconds)];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000));
        var codes = new byte[samples.Length];
        MuLaw.Encode(samples, codes);
        return codes;
    }

    internal static async Task<(int Code, string Output)> Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return (process.ExitCode, await output + await error);
    }
}
