using System.Net;
using System.Text;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Sip.Tests.Sdp;

internal static class SdpTestSupport
{
    public static readonly IPAddress LocalAddress = IPAddress.Parse("192.0.2.200");

    public const int LocalPort = 40000;

    public static SessionDescription Parse(string text)
    {
        var ok = SessionDescription.TryParse(Encoding.UTF8.GetBytes(text), out var description, out var error);
        Assert.True(ok, error.ToString());
        return description!;
    }

    public static SdpLocalSettings Settings(params SdpCodec[] codecs) => new()
    {
        Address = LocalAddress,
        RtpPort = LocalPort,
        Codecs = codecs.Length == 0 ? [SdpCodec.Pcmu, SdpCodec.Pcma] : codecs,
    };

    public static SdpSession Session(params SdpCodec[] codecs) => new(Settings(codecs), 5000, 1);

    public static SdpNegotiationResult Answer(string offer, params SdpCodec[] codecs) =>
        Session(codecs).CreateAnswer(Parse(offer));

    /// <summary>Our answers are text a peer parses: check they survive our own parser unchanged.</summary>
    public static string AnswerText(SdpNegotiationResult result)
    {
        Assert.True(result.IsAccepted);
        var text = Encoding.UTF8.GetString(result.AnswerBytes.Span);
        Assert.Equal(result.Answer!.ToString(), text);
        return text;
    }
}
