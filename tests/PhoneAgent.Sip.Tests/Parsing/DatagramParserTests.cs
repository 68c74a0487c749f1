using System.Text;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary><see cref="SipMessageParser.ParseDatagram"/> over the <see cref="SipParsingData"/> tables and UDP framing rules.</summary>
public sealed class DatagramParserTests
{
    private static SipParseResult Parse(string text, int max = SipMessageParser.DefaultMaxMessageSize) =>
        SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text), max);

    [Theory]
    [MemberData(nameof(SipParsingData.ValidRequestLines), MemberType = typeof(SipParsingData))]
    public void Valid_request_line(string line, string method, string uri)
    {
        var result = SipMessageParser.ParseDatagram(SipParsingData.Message(line, method));

        Assert.Equal(SipParseError.None, result.Error);
        var request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal(method, request.Method);
        Assert.Equal(uri, request.RequestUri.ToString());
    }

    [Theory]
    [MemberData(nameof(SipParsingData.ValidStatusLines), MemberType = typeof(SipParsingData))]
    public void Valid_status_line(string line, int code, string reason)
    {
        var result = SipMessageParser.ParseDatagram(SipParsingData.Message(line, "OPTIONS"));

        Assert.Equal(SipParseError.None, result.Error);
        var response = Assert.IsType<SipResponse>(result.Message);
        Assert.Equal(code, response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
    }

    [Theory]
    [MemberData(nameof(SipParsingData.InvalidStartLines), MemberType = typeof(SipParsingData))]
    public void Invalid_start_line(string line, SipParseError expected)
    {
        var result = SipMessageParser.ParseDatagram(SipParsingData.Message(line, "INVITE"));

        Assert.Equal(expected, result.Error);
        // Only a version problem leaves a message to answer (505); otherwise there is nothing to answer.
        Assert.Equal(expected == SipParseError.UnsupportedVersion, result.Message is not null);
    }

    [Theory]
    [MemberData(nameof(SipParsingData.ValidHeaders), MemberType = typeof(SipParsingData))]
    public void Valid_header_line(string raw, string name, string value)
    {
        var result = SipMessageParser.ParseDatagram(SipParsingData.Message(raw));

        Assert.Equal(SipParseError.None, result.Error);
        Assert.Equal(value, result.Message!.Headers.GetFirst(name));
        Assert.Contains(result.Message.Headers, h => h.Name == name);
    }

    [Theory]
    [MemberData(nameof(SipParsingData.ValidHeaders), MemberType = typeof(SipParsingData))]
    public void Valid_header_line_with_bare_line_feeds(string raw, string name, string value)
    {
        var bytes = SipParsingData.Message(raw).Where(b => b != '\r').ToArray();

        var result = SipMessageParser.ParseDatagram(bytes);

        Assert.Equal(SipParseError.None, result.Error);
        Assert.Equal(value, result.Message!.Headers.GetFirst(name));
    }

    [Theory]
    [MemberData(nameof(SipParsingData.CompactHeaders), MemberType = typeof(SipParsingData))]
    public void Compact_header_name_is_expanded(string compact, string canonical)
    {
        var result = SipMessageParser.ParseDatagram(SipParsingData.Message($"{compact}: x\r\n{compact.ToUpperInvariant()} : y\r\n"));

        Assert.Equal([canonical, canonical], result.Message!.Headers.Where(h => h.Value is "x" or "y").Select(h => h.Name));
    }

    [Theory]
    [MemberData(nameof(SipParsingData.InvalidHeaders), MemberType = typeof(SipParsingData))]
    public void Invalid_header_line(string raw, SipParseError expected)
    {
        var result = SipMessageParser.ParseDatagram(SipParsingData.Message(raw));

        Assert.Equal(expected, result.Error);
        // The head framed, so the message is handed up for a 400 built from its Via, CSeq and Call-ID.
        Assert.NotNull(result.Message);
        Assert.Equal("a84b4c76e66710@pc33.example.org", result.Message.CallId);
    }

    [Fact]
    public void Broken_header_line_is_left_out_and_the_rest_kept()
    {
        var result = SipMessageParser.ParseDatagram(SipParsingData.Message("Broken line\r\nSubject: kept\r\n"));

        Assert.Equal(SipParseError.InvalidHeaderLine, result.Error);
        Assert.Equal("kept", result.Message!.Headers.GetFirst(HeaderNames.Subject));
        Assert.DoesNotContain(result.Message.Headers, h => h.Value.Contains("Broken", StringComparison.Ordinal));
    }

    [Fact]
    public void Continuation_line_right_after_the_start_line_is_an_error()
    {
        var result = Parse("OPTIONS sip:bob@example.com SIP/2.0\r\n folded\r\n" + SipParsingData.MandatoryHeaders + "\r\n");

        Assert.Equal(SipParseError.InvalidHeaderLine, result.Error);
    }

    [Theory]
    [InlineData("", SipParseError.Empty)]
    [InlineData("\r\n", SipParseError.Empty)]
    [InlineData("\r\n\r\n", SipParseError.Empty)]
    [InlineData("\n\n\r\n", SipParseError.Empty)]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0", SipParseError.UnterminatedHeaders)]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0\r\nTo: <sip:bob@example.com>\r\n", SipParseError.UnterminatedHeaders)]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0\r\nTo: <sip:bob@example.com>\r\n\r", SipParseError.UnterminatedHeaders)]
    [InlineData("\r\nGARBAGE\r\n\r\n", SipParseError.InvalidStartLine)]
    [InlineData("\u0000\u0001\u0002\r\n\r\n", SipParseError.InvalidStartLine)]
    public void Unframeable_datagram_has_no_message(string text, SipParseError expected)
    {
        var result = Parse(text);

        Assert.Null(result.Message);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Leading_line_breaks_are_skipped()
    {
        var result = SipMessageParser.ParseDatagram([.. "\r\n\n\r\n"u8, .. SipParsingData.Message()]);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Message_without_headers_frames_and_fails_validation()
    {
        var result = Parse("OPTIONS sip:bob@example.com SIP/2.0\r\n\r\n");

        Assert.Equal(SipParseError.MissingRequiredHeader, result.Error);
        Assert.Equal("OPTIONS", Assert.IsType<SipRequest>(result.Message).Method);
    }

    [Theory]
    [InlineData("Content-Length: 5\r\n\r\nhello", "hello", SipParseError.None)]
    [InlineData("Content-Length: 5\r\n\r\nhello, world", "hello", SipParseError.None)]
    [InlineData("Content-Length: 005\r\n\r\nhello", "hello", SipParseError.None)]
    [InlineData("l:5\r\n\r\nhello", "hello", SipParseError.None)]
    [InlineData("\r\nhello", "hello", SipParseError.None)]
    [InlineData("Content-Length: 0\r\n\r\nhello", "", SipParseError.None)]
    [InlineData("Content-Length: 9\r\n\r\nhello", "hello", SipParseError.BodyShorterThanContentLength)]
    [InlineData("Content-Length: 99999999999999999999999\r\n\r\nhello", "hello", SipParseError.BodyShorterThanContentLength)]
    [InlineData("Content-Length: -1\r\n\r\nhello", "hello", SipParseError.InvalidContentLength)]
    [InlineData("Content-Length: 5 5\r\n\r\nhello", "hello", SipParseError.InvalidContentLength)]
    [InlineData("Content-Length:\r\n\r\nhello", "hello", SipParseError.InvalidContentLength)]
    [InlineData("Content-Length: 0x5\r\n\r\nhello", "hello", SipParseError.InvalidContentLength)]
    [InlineData("Content-Length: 5\r\nl: 3\r\n\r\nhello", "hello", SipParseError.DuplicateHeader)]
    [InlineData("Content-Length: 5\r\nl: 5\r\n\r\nhello", "hello", SipParseError.DuplicateHeader)]
    public void Body_is_delimited_by_content_length(string tail, string body, SipParseError expected)
    {
        var text = "OPTIONS sip:bob@example.com SIP/2.0\r\n" + SipParsingData.MandatoryHeaders + tail;

        var result = Parse(text);

        Assert.Equal(expected, result.Error);
        Assert.Equal(body, Encoding.UTF8.GetString(result.Message!.Body.Span));
    }

    [Fact]
    public void Binary_body_is_kept_byte_for_byte()
    {
        byte[] body = [0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a, 0x80];
        var head = Encoding.UTF8.GetBytes($"MESSAGE sip:bob@example.com SIP/2.0\r\n{SipParsingData.MandatoryHeaders.Replace("OPTIONS", "MESSAGE", StringComparison.Ordinal)}Content-Length: 7\r\n\r\n");

        var result = SipMessageParser.ParseDatagram([.. head, .. body]);

        Assert.True(result.IsValid);
        Assert.Equal(body, result.Message!.Body.ToArray());
    }

    [Fact]
    public void Datagram_larger_than_the_limit_is_rejected_unread()
    {
        var bytes = SipParsingData.Message();

        Assert.Equal(SipParseError.MessageTooLarge, SipMessageParser.ParseDatagram(bytes, bytes.Length - 1).Error);
        Assert.True(SipMessageParser.ParseDatagram(bytes, bytes.Length).IsValid);
    }

    [Fact]
    public void Well_known_header_names_are_the_shared_constants()
    {
        var message = SipMessageParser.ParseDatagram(SipParsingData.Message("v: SIP/2.0/TCP h.example.com;branch=z9hG4bKx\r\n")).Message!;

        Assert.All(message.Headers.Where(h => h.Name is HeaderNames.Via or HeaderNames.CSeq), h => Assert.Same(string.IsInterned(h.Name), h.Name));
    }

    [Fact]
    public void Invalid_date_ranks_below_every_other_error()
    {
        // RFC 4475 §3.1.2.12: a UAS that does not use Date may serve the message, so InvalidDate must mean
        // "everything else is fine" and must not hide a CSeq mismatch.
        var dateOnly = SipMessageParser.ParseDatagram(SipParsingData.Message("Date: Fri, 01 Jan 2010 16:00:00 EST\r\n"));
        var alsoMismatch = SipMessageParser.ParseDatagram(
            SipParsingData.Message("OPTIONS sip:bob@example.com SIP/2.0", "INVITE", "Date: Fri, 01 Jan 2010 16:00:00 EST\r\n"));

        Assert.Equal(SipParseError.InvalidDate, dateOnly.Error);
        Assert.Equal(SipParseError.CSeqMethodMismatch, alsoMismatch.Error);
    }
}
