using System.Net;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Integration.Tests.Media;

/// <summary>sipp replays RTP captures into a call, and the bot's media session must turn them into what was sent.</summary>
[Collection(RealTimeMediaCollection.Name)]
public sealed class SippMediaTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    // One second at 8 kHz.
    private const int LeadIn = 8000;

    [Fact]
    public async Task Rfc4733_key_1_from_sipp_arrives_once()
    {
        var handler = new MediaProbeHandler();
        await using (var bot = MediaProbeHandler.StartBot(handler))
        {
            var result = await SippRunner.RunAsync(new SippOptions
            {
                ScenarioFile = SippScenarios.DtmfCall,
                Target = new IPEndPoint(IPAddress.Loopback, bot.Port),
                // The capture lasts 140 ms; the rest lets the last end packet through the session's tick.
                Pause = TimeSpan.FromSeconds(1),
                Timeout = Bound,
            });
            Assert.True(result.Succeeded(1), result.Describe());
            await handler.Ended.WaitAsync(Bound);
        }

        var digit = Assert.Single(handler.Digits);
        Assert.Equal('1', digit.Digit);
        Assert.True(digit.Duration > TimeSpan.Zero, $"duration {digit.Duration}");
    }

    [Fact]
    public async Task Real_speech_played_by_sipp_is_decoded_to_the_same_signal_at_16_kHz()
    {
        var source = SpeechMatch.Narrowband(seconds: 2);
        var work = Directory.CreateTempSubdirectory("phoneagent-speech-");
        try
        {
            // A second of silence first: the first media session in a test process starts cold (JIT, sipp starting), and on a
            // two-core machine its clock skipped up to half a second of ticks at the start of the call, which drops that
            // audio by design (the session keeps real time rather than building latency). That is not what this test is
            // about, so the speech starts once the session is warm.
            var codes = new byte[LeadIn + source.Length];
            codes.AsSpan(0, LeadIn).Fill(MuLaw.Encode(0));
            MuLaw.Encode(source, codes.AsSpan(LeadIn));
            var pcap = Path.Combine(work.FullName, "speech.pcap");
            RtpPcapWriter.WriteG711(pcap, codes, payloadType: 0);

            var handler = new MediaProbeHandler();
            await using (var bot = MediaProbeHandler.StartBot(handler))
            {
                var result = await SippRunner.RunAsync(new SippOptions
                {
                    ScenarioFile = SippScenarios.WithPcap(pcap, work.FullName),
                    Target = new IPEndPoint(IPAddress.Loopback, bot.Port),
                    Pause = TimeSpan.FromSeconds(3.5),
                    Timeout = Bound,
                });
                Assert.True(result.Succeeded(1), result.Describe());
                await handler.Ended.WaitAsync(Bound);
            }

            SpeechMatch.AssertSameSpeech(handler.Samples(), SpeechMatch.ToWideband(source), $"{handler.Statistics}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
