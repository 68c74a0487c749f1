using PhoneAgent.Sip.Sdp;
using static PhoneAgent.Sip.Tests.Sdp.SdpTestSupport;

namespace PhoneAgent.Sip.Tests.Sdp;

/// <summary>RFC 3264 §6.1 direction answers and the §8.4 hold forms.</summary>
public class SdpHoldTests
{
    public static TheoryData<string, string, string, SdpDirection, SdpDirection, bool> Directions => new()
    {
        // case, session-level lines, media-level lines, remote direction, our answer, remote hold
        { "no attribute means sendrecv", "", "", SdpDirection.SendRecv, SdpDirection.SendRecv, false },
        { "sendrecv", "", "a=sendrecv", SdpDirection.SendRecv, SdpDirection.SendRecv, false },
        { "sendonly is hold", "", "a=sendonly", SdpDirection.SendOnly, SdpDirection.RecvOnly, true },
        { "inactive is hold", "", "a=inactive", SdpDirection.Inactive, SdpDirection.Inactive, true },
        { "recvonly is not hold", "", "a=recvonly", SdpDirection.RecvOnly, SdpDirection.SendOnly, false },
        { "session-level sendonly applies", "a=sendonly", "", SdpDirection.SendOnly, SdpDirection.RecvOnly, true },
        { "media level overrides session level", "a=sendonly", "a=sendrecv", SdpDirection.SendRecv, SdpDirection.SendRecv, false },
        { "media inactive overrides session sendrecv", "a=sendrecv", "a=inactive", SdpDirection.Inactive, SdpDirection.Inactive, true },
    };

    [Theory]
    [MemberData(nameof(Directions))]
    public void Answers_the_offered_direction(string name, string sessionLines, string mediaLines, SdpDirection remote, SdpDirection local, bool hold)
    {
        var result = Answer(SdpSamples.Offer(sessionAttributes: sessionLines, mediaLines: mediaLines));

        Assert.True(result.IsAccepted, name);
        Assert.Equal(remote, result.Audio.RemoteDirection);
        Assert.Equal(local, result.Audio.LocalDirection);
        Assert.Equal(hold, result.Audio.IsRemoteHold);
        Assert.Equal(local, result.Answer.Media[0].Direction);
    }

    [Theory]
    [InlineData("c=IN IP4 0.0.0.0", "", SdpDirection.RecvOnly)]
    [InlineData("c=IN IP4 0.0.0.0", "a=recvonly", SdpDirection.Inactive)]
    [InlineData("c=IN IP6 ::", "", SdpDirection.RecvOnly)]
    public void Unspecified_address_is_RFC2543_hold_and_we_never_send_to_it(string connection, string mediaLines, SdpDirection local)
    {
        var result = Answer(SdpSamples.Offer(sessionConnection: connection, mediaLines: mediaLines));

        Assert.True(result.IsAccepted);
        Assert.True(result.Audio.IsRemoteHold);
        Assert.False(result.Audio.SendsMedia);
        Assert.Equal(local, result.Audio.LocalDirection);
        Assert.Equal(4000, result.Audio.RemoteRtpEndPoint.Port);
    }

    [Fact]
    public void Our_own_hold_intent_limits_the_answer()
    {
        var session = Session();
        session.LocalDirection = SdpDirection.SendOnly;

        var result = session.CreateAnswer(Parse(SdpSamples.Offer()));

        Assert.Equal(SdpDirection.SendOnly, result.Audio!.LocalDirection);
        Assert.True(result.Audio.SendsMedia);
        Assert.False(result.Audio.ReceivesMedia);
        Assert.False(result.Audio.IsRemoteHold);
    }
}
