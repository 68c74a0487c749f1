using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// The bot's answers to requests it must refuse or answer without a call, over real UDP on loopback.
/// Each case states the RFC 3261 rule it checks.
/// </summary>
public sealed class UserAgentResponseTests : IAsyncLifetime
{
    private BotInstance _bot = null!;

    public Task InitializeAsync()
    {
        _bot = BotInstance.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<SipResponse> ExchangeAsync(string message)
    {
        using var client = new RawUdpClient();
        client.Send(_bot.EndPoint, message);
        return await client.ReceiveFinalAsync();
    }

    [Fact]
    public async Task Options_out_of_dialog_is_answered_200_with_capabilities()
    {
        var r = await ExchangeAsync(RawSip.Request("OPTIONS"));
        Assert.Equal(200, r.StatusCode);
        Assert.Contains("INVITE", r.Headers.GetFirst(HeaderNames.Allow));
        Assert.Equal("application/sdp", r.Headers.GetFirst(HeaderNames.Accept));
        Assert.NotNull(r.Headers.GetFirst(HeaderNames.Supported));
        Assert.NotNull(r.To!.Tag);
    }

    [Fact]
    public async Task Unknown_method_gets_501_with_allow()
    {
        var r = await ExchangeAsync(RawSip.Request("FROBNICATE"));
        Assert.Equal(501, r.StatusCode);
        Assert.Contains("BYE", r.Headers.GetFirst(HeaderNames.Allow));
    }

    [Fact]
    public async Task Known_but_unsupported_method_gets_405_with_allow()
    {
        var r = await ExchangeAsync(RawSip.Request("REGISTER", extraHeaders: "Contact: <sip:tester@127.0.0.1>\n"));
        Assert.Equal(405, r.StatusCode);
        Assert.NotNull(r.Headers.GetFirst(HeaderNames.Allow));
    }

    [Fact]
    public async Task Bye_for_unknown_dialog_gets_481()
    {
        var r = await ExchangeAsync(RawSip.Request("BYE", toTag: "nosuchdialog"));
        Assert.Equal(481, r.StatusCode);
    }

    [Fact]
    public async Task Request_without_call_id_is_dropped_and_counted()
    {
        var message = RawSip.Request("OPTIONS").Replace("Call-ID: rawtest-1\n", string.Empty, StringComparison.Ordinal);
        using var client = new RawUdpClient();
        var before = _bot.Agent.Transport.Counters.UnparseableDropped;
        // Without Call-ID no response can be matched by the client (RFC 3261 §8.1.1), so it is not answered.
        client.Send(_bot.EndPoint, message);
        // The receive loop handles datagrams in order: once this one is answered the bad one was processed.
        client.Send(_bot.EndPoint, RawSip.Request("OPTIONS", callId: "after-drop"));
        var r = await client.ReceiveFinalAsync();
        Assert.Equal(200, r.StatusCode);
        Assert.Equal("after-drop", r.CallId);
        Assert.Equal(before + 1, _bot.Agent.Transport.Counters.UnparseableDropped);
    }

    [Fact]
    public async Task Cseq_method_mismatch_gets_400_with_reason()
    {
        var mismatch = RawSip.Request("OPTIONS").Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal);
        var r = await ExchangeAsync(mismatch);
        Assert.Equal(400, r.StatusCode);
        Assert.Equal(SipParseError.CSeqMethodMismatch.ToReasonPhrase(), r.ReasonPhrase);
    }

    [Fact]
    public async Task Non_sip_request_uri_gets_416()
    {
        var r = await ExchangeAsync(RawSip.Request("OPTIONS", requestUri: "tel:+15551234567"));
        Assert.Equal(416, r.StatusCode);
    }

    [Fact]
    public async Task Unknown_required_extension_gets_420_listing_it()
    {
        var r = await ExchangeAsync(RawSip.Request("OPTIONS", extraHeaders: "Require: nosuchextension\n"));
        Assert.Equal(420, r.StatusCode);
        Assert.Equal("nosuchextension", r.Headers.GetFirst(HeaderNames.Unsupported));
    }

    [Fact]
    public async Task Invite_with_only_g729_gets_488()
    {
        const string sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n";
        var r = await ExchangeAsync(RawSip.Invite("g729", sdp));
        Assert.Equal(488, r.StatusCode);
        Assert.Empty(_bot.Handler.Calls);
    }

    [Fact]
    public async Task Invite_with_unparseable_sdp_gets_400()
    {
        var r = await ExchangeAsync(RawSip.Invite("badsdp", "this is not sdp\r\n"));
        Assert.Equal(400, r.StatusCode);
        Assert.StartsWith("Bad SDP", r.ReasonPhrase);
    }

    [Fact]
    public async Task Invite_with_foreign_body_type_gets_415_with_accept()
    {
        var r = await ExchangeAsync(RawSip.Request("INVITE", "plain", contentType: "text/plain", body: "hello"));
        Assert.Equal(415, r.StatusCode);
        Assert.Equal("application/sdp", r.Headers.GetFirst(HeaderNames.Accept));
    }

    [Fact]
    public async Task Invite_refusing_sdp_in_accept_gets_406()
    {
        var r = await ExchangeAsync(RawSip.Request("INVITE", "accept", extraHeaders: "Accept: text/nobodyknowsthis\n"));
        Assert.Equal(406, r.StatusCode);
    }

    [Fact]
    public async Task Wrong_sip_version_gets_505_at_the_packet_source_even_with_an_unparseable_via()
    {
        // RFC 4475 badvers: the Via says SIP/7.0 too, so the response cannot follow the Via.
        var message = RawSip.Request("OPTIONS").Replace("SIP/2.0\n", "SIP/7.0\n", StringComparison.Ordinal)
            .Replace("Via: SIP/2.0/UDP", "Via: SIP/7.0/UDP", StringComparison.Ordinal);
        var r = await ExchangeAsync(message);
        Assert.Equal(505, r.StatusCode);
    }

    [Fact]
    public async Task Same_request_by_another_branch_gets_482()
    {
        // RFC 3261 §8.2.2.2: a forking proxy delivered the same OPTIONS twice; only the first is served.
        using var client = new RawUdpClient();
        var first = RawSip.Request("OPTIONS", callId: "merged-1");
        var second = first.Replace("branch=z9hG4bK", "branch=z9hG4bKother", StringComparison.Ordinal);
        client.Send(_bot.EndPoint, first);
        Assert.Equal(200, (await client.ReceiveFinalAsync()).StatusCode);
        client.Send(_bot.EndPoint, second);
        Assert.Equal(482, (await client.ReceiveFinalAsync()).StatusCode);
    }
}
