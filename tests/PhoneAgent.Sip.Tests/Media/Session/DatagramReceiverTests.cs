using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Sip.Tests.Media.Session;

public sealed class DatagramReceiverTests : IDisposable
{
    private readonly DatagramReceiver _receiver = new(threads: 1);
    private readonly ConcurrentQueue<(string Socket, byte[] Datagram, IPEndPoint Source)> _received = new();

    [Fact]
    public async Task One_thread_serves_many_sockets_and_reports_each_datagrams_source()
    {
        using var a = SessionFixture.Bind();
        using var b = SessionFixture.Bind();
        using var phone = SessionFixture.Bind();
        using var ra = Register(a, "a");
        using var rb = Register(b, "b");

        for (byte i = 0; i < 20; i++)
        {
            await phone.SendToAsync(new[] { i }, a.LocalEndPoint!);
            await phone.SendToAsync(new[] { (byte)(100 + i) }, b.LocalEndPoint!);
        }

        await SessionFixture.WaitUntil(() => _received.Count == 40, "forty datagrams");
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (byte)i), _received.Where(r => r.Socket == "a").Select(r => r.Datagram.Single()));
        Assert.Equal(Enumerable.Range(100, 20).Select(i => (byte)i), _received.Where(r => r.Socket == "b").Select(r => r.Datagram.Single()));
        Assert.All(_received, r => Assert.Equal(phone.LocalEndPoint, r.Source));
    }

    [Fact]
    public async Task A_disposed_registration_gets_nothing_more_and_a_socket_closed_under_it_does_not_stall_the_others()
    {
        using var a = SessionFixture.Bind();
        var closed = SessionFixture.Bind();
        using var b = SessionFixture.Bind();
        using var phone = SessionFixture.Bind();
        var ra = Register(a, "a");
        using var rClosed = Register(closed, "closed");
        using var rb = Register(b, "b");

        ra.Dispose();
        var closedAddress = closed.LocalEndPoint!;
        closed.Dispose();
        await phone.SendToAsync(new byte[] { 1 }, a.LocalEndPoint!);
        await phone.SendToAsync(new byte[] { 2 }, closedAddress);
        for (byte i = 0; i < 10; i++) await phone.SendToAsync(new[] { i }, b.LocalEndPoint!);

        await SessionFixture.WaitUntil(() => _received.Count(r => r.Socket == "b") == 10, "b's datagrams");
        Assert.DoesNotContain(_received, r => r.Socket != "b");
        Assert.Equal(1, a.Available);
    }

    public void Dispose() => _receiver.Dispose();

    [Fact]
    public async Task Handlers_run_under_the_realtime_policy_asked_for_unless_the_receiver_reports_a_refusal()
    {
        using var receiver = new DatagramReceiver(threads: 1, realtimePriority: 9);
        using var socket = SessionFixture.Bind();
        using var phone = SessionFixture.Bind();
        var seen = new TaskCompletionSource<(int Policy, int Priority)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = receiver.Register(socket, (_, _) => seen.TrySetResult(ThreadPolicy.Current()));

        await phone.SendToAsync(new byte[] { 1 }, socket.LocalEndPoint!);

        ThreadPolicy.AssertAsked(await seen.Task.WaitAsync(TimeSpan.FromSeconds(10)), receiver.IsRealtime, 9);
    }

    private DatagramRegistration Register(Socket socket, string name) =>
        _receiver.Register(socket, (datagram, source) => _received.Enqueue((name, datagram.ToArray(), SymmetricRtpLatch.ToEndPoint(source))));
}
