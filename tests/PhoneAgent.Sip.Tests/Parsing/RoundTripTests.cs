using System.Buffers;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>Serialising a parsed message and parsing it again keeps every field (folding and compact names aside).</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> ValidTortureMessages =>
        [.. TortureSuiteTests.ValidVerdicts.Where(row => (SipParseError)row[1] == SipParseError.None).Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(ValidTortureMessages))]
    public void Torture_message_survives_serialise_and_parse(string name)
    {
        var first = SipMessageParser.ParseDatagram(TortureFixtures.Load("valid", name)).Message!;

        var second = SipMessageParser.ParseDatagram(first.ToBytes());

        Assert.True(second.IsValid, $"{name}: {second.Error}");
        Assert.Equal(Describe(first), Describe(second.Message!));
    }

    [Theory]
    [MemberData(nameof(ValidTortureMessages))]
    public void Serialised_message_frames_on_a_stream(string name)
    {
        var bytes = SipMessageParser.ParseDatagram(TortureFixtures.Load("valid", name)).Message!.ToBytes();

        var status = SipMessageParser.TryReadFrame(new ReadOnlySequence<byte>(bytes), SipMessageParser.DefaultMaxMessageSize, out var result, out var consumed, out _);

        Assert.Equal(SipFrameStatus.Message, status);
        Assert.True(result.IsValid);
        Assert.Equal(bytes.Length, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
    }

    [Fact]
    public void Built_request_survives_serialise_and_parse()
    {
        var request = new SipRequest(SipMethods.Invite, new SipUri("sip", "[2001:db8::2]", 5080, "bob"));
        request.Headers.Add(HeaderNames.Via, new SipViaHeader("tcp", "[2001:db8::1]", 5060, "z9hG4bKbuilt").ToString());
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, new NameAddress(new SipUri("sip", "example.org", user: "alice"), "Alice \"Al\" \\ A").WithParameter("tag", "a1").ToString());
        request.Headers.Add(HeaderNames.To, new NameAddress(new SipUri("sip", "example.com", user: "bob")).ToString());
        request.Headers.Add(HeaderNames.CallId, "built@example.org");
        request.Headers.Add(HeaderNames.CSeq, new CSeqHeader(7, SipMethods.Invite).ToString());
        request.Headers.Add(HeaderNames.Contact, "<sip:alice@[2001:db8::1]:5060;transport=tcp>;expires=60");
        request.Body = "v=0\r\n"u8.ToArray();

        var parsed = SipMessageParser.ParseDatagram(request.ToBytes());

        Assert.True(parsed.IsValid, parsed.Error.ToString());
        var copy = Assert.IsType<SipRequest>(parsed.Message);
        Assert.Equal("sip:bob@[2001:db8::2]:5080", copy.RequestUri.ToString());
        Assert.Equal(("TCP", "[2001:db8::1]", 5060, "z9hG4bKbuilt"), (copy.TopVia!.Transport, copy.TopVia.Host, copy.TopVia.Port, copy.TopVia.Branch));
        Assert.Equal("Alice \"Al\" \\ A", copy.From!.DisplayName);
        Assert.Equal("a1", copy.From.Tag);
        Assert.Equal(new CSeqHeader(7, "INVITE"), copy.CSeq);
        Assert.Equal("60", Assert.Single(copy.Contacts).Parameters.Get("expires"));
        Assert.Equal("v=0\r\n"u8.ToArray(), copy.Body.ToArray());
        Assert.Equal("5", copy.Headers.GetFirst(HeaderNames.ContentLength));
    }

    [Fact]
    public void Response_built_from_a_parsed_request_survives_serialise_and_parse()
    {
        var request = Assert.IsType<SipRequest>(SipMessageParser.ParseDatagram(TortureFixtures.Load("valid", "wsinv")).Message);

        var response = SipResponse.CreateFor(request, 486, toTag: "ignored-because-to-has-a-tag");
        var parsed = SipMessageParser.ParseDatagram(response.ToBytes());

        Assert.True(parsed.IsValid, parsed.Error.ToString());
        var copy = Assert.IsType<SipResponse>(parsed.Message);
        Assert.Equal((486, "Busy Here"), (copy.StatusCode, copy.ReasonPhrase));
        Assert.Equal(request.Vias.Select(v => v.ToString()), copy.Vias.Select(v => v.ToString()));
        Assert.Equal("1918181833n", copy.To!.Tag);
        Assert.Equal(request.CSeq, copy.CSeq);
    }

    private static string Describe(SipMessage message) =>
        $"{message.StartLine}\n" +
        string.Join("\n", message.Headers.Where(h => h.Name != HeaderNames.ContentLength).Select(h => $"{h.Name}: {h.Value}")) +
        $"\n{Convert.ToHexString(message.Body.Span)}";
}
