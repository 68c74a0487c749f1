using System.Buffers;
using System.Text;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary><see cref="SipMessageParser.TryReadFrame"/>: Content-Length framing over split and partial buffers (RFC 3261 §18.3).</summary>
public sealed class StreamFramingTests
{
    private const int Max = SipMessageParser.DefaultMaxMessageSize;

    private static readonly byte[] Invite = Encoding.UTF8.GetBytes(
        "INVITE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP [2001:db8::7]:5060;branch=z9hG4bKnashds8\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@example.com>\r\n" +
        "From: \"Alice \\\"A\\\"\" <sip:alice@example.org>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.org\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Subject: folded\r\n value\r\n" +
        "Contact: <sip:alice@[2001:db8::7]:5060;transport=tcp>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 14\r\n" +
        "\r\n" +
        "v=0\r\no=- 1 1\r\n");

    private static SipFrameStatus Read(in ReadOnlySequence<byte> buffer, out SipParseResult result, out SequencePosition consumed, out SequencePosition examined, int max = Max) =>
        SipMessageParser.TryReadFrame(buffer, max, out result, out consumed, out examined);

    [Fact]
    public void Whole_message_is_framed_and_consumed()
    {
        var buffer = new ReadOnlySequence<byte>(Invite);

        var status = Read(buffer, out var result, out var consumed, out var examined);

        Assert.Equal(SipFrameStatus.Message, status);
        Assert.True(result.IsValid);
        Assert.Equal(buffer.End, consumed);
        Assert.Equal(buffer.End, examined);
        Assert.Equal("v=0\r\no=- 1 1\r\n", Encoding.UTF8.GetString(result.Message!.Body.Span));
        Assert.Equal("[2001:db8::7]", result.Message.TopVia!.Host);
        Assert.Equal("Alice \"A\"", result.Message.From!.DisplayName);
        Assert.Equal("folded value", result.Message.Headers.GetFirst(HeaderNames.Subject));
    }

    [Fact]
    public void Every_strict_prefix_needs_more_data_and_consumes_nothing()
    {
        for (var length = 0; length < Invite.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(Invite, 0, length);

            var status = Read(buffer, out _, out var consumed, out var examined);

            Assert.True(status == SipFrameStatus.NeedMoreData, $"prefix of {length} bytes gave {status}");
            Assert.Equal(buffer.Start, consumed);
            Assert.Equal(buffer.End, examined);
        }
    }

    [Fact]
    public void Every_split_into_two_segments_parses_identically()
    {
        var expected = Frame(new ReadOnlySequence<byte>(Invite));
        for (var split = 0; split <= Invite.Length; split++)
        {
            Assert.Equal(expected, Frame(TestSegment.Split(Invite, split)));
        }
    }

    [Fact]
    public void Every_split_into_three_segments_parses_identically()
    {
        var expected = Frame(new ReadOnlySequence<byte>(Invite));
        for (var first = 0; first <= Invite.Length; first += 7)
        {
            for (var second = first; second <= Invite.Length; second++)
            {
                Assert.Equal(expected, Frame(TestSegment.Split(Invite, first, second)));
            }
        }
    }

    [Fact]
    public void One_byte_segments_parse_identically()
    {
        var expected = Frame(new ReadOnlySequence<byte>(Invite));

        Assert.Equal(expected, Frame(TestSegment.Sequence([.. Invite.Select(b => new[] { b })])));
    }

    [Fact]
    public void Back_to_back_messages_frame_one_at_a_time_and_keep_the_partial_third()
    {
        var partial = Invite[..(Invite.Length / 2)];
        var buffer = TestSegment.Split([.. Invite, .. Invite, .. partial], Invite.Length + 5);

        Assert.Equal(SipFrameStatus.Message, Read(buffer, out var first, out var consumed, out var examined));
        Assert.Equal(Invite.Length, buffer.Slice(buffer.Start, consumed).Length);
        Assert.Equal(consumed, examined);
        buffer = buffer.Slice(consumed);
        Assert.Equal(SipFrameStatus.Message, Read(buffer, out var second, out consumed, out _));
        Assert.Equal(Invite.Length, buffer.Slice(buffer.Start, consumed).Length);
        buffer = buffer.Slice(consumed);
        Assert.Equal(SipFrameStatus.NeedMoreData, Read(buffer, out _, out consumed, out examined));
        Assert.Equal(buffer.Start, consumed);
        Assert.Equal(buffer.End, examined);
        Assert.Equal(partial, buffer.ToArray());
        Assert.True(first.IsValid && second.IsValid);
    }

    [Fact]
    public void Double_crlf_between_messages_is_a_keep_alive()
    {
        var buffer = new ReadOnlySequence<byte>([.. "\r\n\r\n"u8, .. Invite]);

        Assert.Equal(SipFrameStatus.KeepAlive, Read(buffer, out _, out var consumed, out var examined));
        Assert.Equal(4, buffer.Slice(buffer.Start, consumed).Length);
        Assert.Equal(consumed, examined);
        Assert.Equal(SipFrameStatus.Message, Read(buffer.Slice(consumed), out var result, out _, out _));
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Keep_alive_split_across_segments_is_recognised()
    {
        var buffer = TestSegment.Sequence("\r"u8.ToArray(), "\n\r"u8.ToArray(), "\n"u8.ToArray());

        Assert.Equal(SipFrameStatus.KeepAlive, Read(buffer, out _, out var consumed, out _));
        Assert.Equal(buffer.End, consumed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\r\n\r")]
    [InlineData("\n")]
    public void Partial_keep_alive_needs_more_data(string text)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));

        Assert.Equal(SipFrameStatus.NeedMoreData, Read(buffer, out _, out var consumed, out var examined));
        Assert.Equal(buffer.Start, consumed);
        Assert.Equal(buffer.End, examined);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r\n\n")]
    public void Single_line_breaks_before_a_message_are_skipped(string prefix)
    {
        var buffer = new ReadOnlySequence<byte>([.. Encoding.ASCII.GetBytes(prefix), .. Invite]);

        Assert.Equal(SipFrameStatus.Message, Read(buffer, out var result, out var consumed, out _));
        Assert.True(result.IsValid);
        Assert.Equal(buffer.End, consumed);
    }

    [Fact]
    public void Bare_line_feeds_frame_like_crlf()
    {
        var lf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Invite[..^14]).Replace("\r\n", "\n", StringComparison.Ordinal)).Concat(Invite[^14..]).ToArray();

        Assert.Equal(SipFrameStatus.Message, Read(new ReadOnlySequence<byte>(lf), out var result, out _, out _));
        Assert.True(result.IsValid);
        Assert.Equal(Invite[^14..], result.Message!.Body.ToArray());
    }

    [Theory]
    [InlineData("Content-Length: 0\r\n", SipFrameStatus.Message, SipParseError.None)]
    [InlineData("", SipFrameStatus.Invalid, SipParseError.MissingRequiredHeader)]
    [InlineData("Content-Length: -3\r\n", SipFrameStatus.Invalid, SipParseError.InvalidContentLength)]
    [InlineData("Content-Length: abc\r\n", SipFrameStatus.Invalid, SipParseError.InvalidContentLength)]
    [InlineData("Content-Length: 0\r\nl: 4\r\n", SipFrameStatus.Invalid, SipParseError.DuplicateHeader)]
    [InlineData("Content-Length: 70000\r\n", SipFrameStatus.Invalid, SipParseError.MessageTooLarge)]
    [InlineData("Content-Length: 99999999999999999999999999\r\n", SipFrameStatus.Invalid, SipParseError.MessageTooLarge)]
    [InlineData("Content-Length: 4\r\n", SipFrameStatus.NeedMoreData, SipParseError.None)]
    public void Content_length_decides_the_frame(string contentLength, SipFrameStatus expected, SipParseError error)
    {
        var bytes = Encoding.UTF8.GetBytes($"OPTIONS sip:bob@example.com SIP/2.0\r\n{SipParsingData.MandatoryHeaders}{contentLength}\r\n");

        var status = Read(new ReadOnlySequence<byte>(bytes), out var result, out _, out _);

        Assert.Equal(expected, status);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Header_block_beyond_the_limit_is_invalid_before_it_ends()
    {
        var bytes = Encoding.ASCII.GetBytes("OPTIONS sip:bob@example.com SIP/2.0\r\nX-Pad: " + new string('a', 300));

        Assert.Equal(SipFrameStatus.NeedMoreData, Read(new ReadOnlySequence<byte>(bytes), out _, out _, out _, max: bytes.Length));
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(SipFrameStatus.Invalid, Read(buffer, out var result, out var consumed, out _, max: bytes.Length - 1));
        Assert.Equal(SipParseError.MessageTooLarge, result.Error);
        Assert.Null(result.Message);
        Assert.Equal(buffer.End, consumed);
    }

    [Fact]
    public void Message_exactly_at_the_limit_is_accepted_and_one_byte_over_is_not()
    {
        Assert.Equal(SipFrameStatus.Message, Read(new ReadOnlySequence<byte>(Invite), out _, out _, out _, max: Invite.Length));
        Assert.Equal(SipFrameStatus.Invalid, Read(new ReadOnlySequence<byte>(Invite), out var result, out _, out _, max: Invite.Length - 1));
        Assert.Equal(SipParseError.MessageTooLarge, result.Error);
    }

    [Fact]
    public void Unreadable_start_line_closes_the_stream()
    {
        var bytes = Encoding.ASCII.GetBytes("HELLO WORLD\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(SipFrameStatus.Invalid, Read(new ReadOnlySequence<byte>(bytes), out var result, out _, out _));
        Assert.Equal(SipParseError.InvalidStartLine, result.Error);
    }

    [Fact]
    public void Validation_errors_do_not_break_framing()
    {
        var bad = SipParsingData.Message("CSeq: 1 INVITE\r\n");
        var buffer = new ReadOnlySequence<byte>([.. bad, .. Invite]);

        Assert.Equal(SipFrameStatus.Message, Read(buffer, out var first, out var consumed, out _));
        Assert.Equal(SipParseError.DuplicateHeader, first.Error);
        Assert.Equal(SipFrameStatus.Message, Read(buffer.Slice(consumed), out var second, out _, out _));
        Assert.True(second.IsValid);
    }

    // Everything a frame yields, as comparable text.
    private static string Frame(ReadOnlySequence<byte> buffer)
    {
        var status = Read(buffer, out var result, out var consumed, out var examined);
        var message = result.Message;
        return $"{status}|{result.Error}|{buffer.Slice(buffer.Start, consumed).Length}|{buffer.Slice(buffer.Start, examined).Length}|" +
            $"{message?.StartLine}|{string.Join("|", message?.Headers.Select(h => $"{h.Name}={h.Value}") ?? [])}|" +
            $"{Convert.ToHexString(message?.Body.ToArray() ?? [])}";
    }
}
