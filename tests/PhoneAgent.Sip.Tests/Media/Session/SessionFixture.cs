using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Sip.Tests.Media.Session;

/// <summary>Loopback sockets, negotiated media and bounded waits for the media session tests.</summary>
internal static class SessionFixture
{
    public const int TelephoneEventPayloadType = 101;

    public static RtpPortLease Lease() => new(Bind(), Bind(), _ => { });

    public static Socket Bind()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public static CallMedia Media(IPEndPoint remote, IPEndPoint local, SdpCodec? codec = null, SdpDirection localDirection = SdpDirection.SendRecv, bool hold = false)
    {
        codec ??= SdpCodec.Pcmu;
        var audio = new SdpNegotiatedAudio
        {
            Codec = new SdpNegotiatedCodec(codec, codec.OfferPayloadType, null),
            TelephoneEvent = new SdpTelephoneEvent(TelephoneEventPayloadType, codec.ClockRate, "0-15"),
            Ptime = 20,
            RemoteRtpEndPoint = remote,
            RemoteDirection = SdpDirection.SendRecv,
            LocalDirection = localDirection,
            IsRemoteHold = hold,
            MediaIndex = 0,
        };
        return new CallMedia(audio, local);
    }

    /// <summary>Waits for something a socket will cause, never for time to pass: bounded so a bug fails instead of hanging.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Timed out waiting for {what}");
            await Task.Delay(1);
        }
    }
}
