using System.Buffers;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>
/// RFC 4475 verdicts for all 50 messages. valid/ holds what the RFC calls syntactically valid (§3.1.1, plus the
/// §3.2 transaction, §3.3 application-layer and §3.4 backward-compatibility messages, which a parser must accept and
/// leave to the layers above); invalid/ holds §3.1.2 and test.dat. Field-level checks live in the per-section classes.
/// </summary>
public sealed class TortureSuiteTests
{
    /// <summary>valid/: every message frames; the error is what <see cref="SipMessage.Validate"/> must say.</summary>
    public static TheoryData<string, SipParseError> ValidVerdicts => new()
    {
        // §3.1.1 valid messages.
        { "wsinv", SipParseError.None },
        { "intmeth", SipParseError.None },
        { "esc01", SipParseError.None },
        { "escnull", SipParseError.None },
        { "esc02", SipParseError.None },
        { "lwsdisp", SipParseError.None },
        { "longreq", SipParseError.None },
        { "dblreq", SipParseError.None },
        { "semiuri", SipParseError.None },
        { "transports", SipParseError.None },
        { "mpart01", SipParseError.None },
        { "unreason", SipParseError.None },
        { "noreason", SipParseError.None },
        // §3.2 transaction-layer semantics.
        { "badbranch", SipParseError.None },
        // §3.3 application-layer semantics: well-formed; three of them are answered 400 from the parsed message.
        { "insuf", SipParseError.MissingRequiredHeader },
        { "unkscm", SipParseError.None },
        { "novelsc", SipParseError.None },
        { "unksm2", SipParseError.None },
        { "bext01", SipParseError.None },
        { "invut", SipParseError.None },
        { "regaut01", SipParseError.None },
        { "multi01", SipParseError.DuplicateHeader },
        { "mcl01", SipParseError.DuplicateHeader },
        { "bcast", SipParseError.None },
        { "zeromf", SipParseError.None },
        { "cparam01", SipParseError.None },
        { "cparam02", SipParseError.None },
        { "regescrt", SipParseError.None },
        { "sdp01", SipParseError.None },
        // §3.4 backward compatibility.
        { "inv2543", SipParseError.None },
    };

    /// <summary>invalid/: the reason, and whether a message is still handed up so a 400/505 can be sent.</summary>
    public static TheoryData<string, SipParseError, bool> InvalidVerdicts => new()
    {
        { "badinv01", SipParseError.InvalidVia, true },                 // §3.1.2.1 ";;,;,," in Via (Contact too)
        { "clerr", SipParseError.BodyShorterThanContentLength, true },  // §3.1.2.2 Content-Length 9999 on UDP
        { "ncl", SipParseError.InvalidContentLength, true },            // §3.1.2.3 Content-Length -999
        { "scalar02", SipParseError.InvalidCSeq, true },                // §3.1.2.4 CSeq > 2**32-1 (Max-Forwards 300 too)
        { "scalarlg", SipParseError.InvalidCSeq, true },                // §3.1.2.5 response CSeq > 2**32-1: discard
        { "quotbal", SipParseError.InvalidFromOrTo, true },             // §3.1.2.6 unterminated quote in To
        { "ltgtruri", SipParseError.InvalidRequestUri, false },         // §3.1.2.7 <> around Request-URI
        { "lwsruri", SipParseError.InvalidRequestUri, false },          // §3.1.2.8 LWS inside Request-URI
        { "lwsstart", SipParseError.InvalidStartLine, false },          // §3.1.2.9 several SP between elements
        { "trws", SipParseError.InvalidStartLine, false },              // §3.1.2.10 SP after SIP-Version
        { "escruri", SipParseError.InvalidRequestUri, true },           // §3.1.2.11 ?Route= in Request-URI
        { "baddate", SipParseError.InvalidDate, true },                 // §3.1.2.12 Date in EST, not GMT
        { "regbadct", SipParseError.InvalidAddress, true },             // §3.1.2.13 Contact URI with ? outside <>
        { "badaspec", SipParseError.InvalidFromOrTo, true },            // §3.1.2.14 "< sip:... >" in To
        { "baddn", SipParseError.InvalidFromOrTo, true },               // §3.1.2.15 unquoted "Bell, Alexander"
        { "badvers", SipParseError.UnsupportedVersion, true },          // §3.1.2.16 SIP/7.0: answer 505
        { "mismatch01", SipParseError.CSeqMethodMismatch, true },       // §3.1.2.17 OPTIONS vs CSeq INVITE
        { "mismatch02", SipParseError.CSeqMethodMismatch, true },       // §3.1.2.18 NEWMETHOD vs CSeq INVITE
        { "bigcode", SipParseError.InvalidStatusCode, false },          // §3.1.2.19 status 4294967301: drop
        // Not described by the RFC: no SIP-Version on the request line, a To without URI scheme and a header
        // line without colon. The start line fails first, so nothing is handed up.
        { "test", SipParseError.InvalidStartLine, false },
    };

    [Theory]
    [MemberData(nameof(ValidVerdicts))]
    public void Valid_torture_message_frames_with_the_RFC_verdict(string name, SipParseError expected)
    {
        var result = SipMessageParser.ParseDatagram(TortureFixtures.Load("valid", name));

        Assert.NotNull(result.Message);
        Assert.Equal(expected, result.Error);
    }

    [Theory]
    [MemberData(nameof(InvalidVerdicts))]
    public void Invalid_torture_message_is_rejected_with_its_reason(string name, SipParseError expected, bool messageHandedUp)
    {
        var result = SipMessageParser.ParseDatagram(TortureFixtures.Load("invalid", name));

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Error);
        Assert.Equal(messageHandedUp, result.Message is not null);
    }

    [Theory]
    [InlineData("valid")]
    [InlineData("invalid")]
    public void Every_fixture_file_has_a_verdict(string verdict)
    {
        var expected = verdict == "valid"
            ? ValidVerdicts.Select(row => (string)row[0])
            : InvalidVerdicts.Select(row => (string)row[0]);

        Assert.Equal(expected.Order(), TortureFixtures.Names(verdict));
    }

    [Fact]
    public void All_fifty_messages_are_present()
    {
        Assert.Equal(50, TortureFixtures.Names("valid").Count() + TortureFixtures.Names("invalid").Count());
    }

    /// <summary>
    /// Over a stream the same bytes frame by Content-Length. A verdict that the datagram parser reaches from the
    /// headers is the same; what differs is framing: no Content-Length (inv2543), a short body (clerr: wait for
    /// more), and a negative or conflicting one (ncl, mcl01: close the connection, RFC 4475 §3.1.2.3, §3.3.9).
    /// </summary>
    [Theory]
    [MemberData(nameof(ValidVerdicts))]
    public void Valid_torture_message_frames_the_same_over_a_stream(string name, SipParseError expected)
    {
        var bytes = TortureFixtures.Load("valid", name);
        var datagram = SipMessageParser.ParseDatagram(bytes);

        var status = SipMessageParser.TryReadFrame(new ReadOnlySequence<byte>(bytes), SipMessageParser.DefaultMaxMessageSize, out var result, out _, out _);

        switch (name)
        {
            case "inv2543":
                Assert.Equal(SipFrameStatus.Invalid, status);
                Assert.Equal(SipParseError.MissingRequiredHeader, result.Error);
                break;
            case "mcl01":
                Assert.Equal(SipFrameStatus.Invalid, status);
                Assert.Equal(SipParseError.DuplicateHeader, result.Error);
                break;
            default:
                Assert.Equal(SipFrameStatus.Message, status);
                Assert.Equal(expected, result.Error);
                Assert.Equal(datagram.Message!.Body.ToArray(), result.Message!.Body.ToArray());
                break;
        }
    }

    [Theory]
    [InlineData("clerr", SipFrameStatus.NeedMoreData, SipParseError.None)]
    [InlineData("ncl", SipFrameStatus.Invalid, SipParseError.InvalidContentLength)]
    [InlineData("bigcode", SipFrameStatus.Invalid, SipParseError.InvalidStatusCode)]
    [InlineData("badvers", SipFrameStatus.Message, SipParseError.UnsupportedVersion)]
    public void Invalid_torture_message_over_a_stream(string name, SipFrameStatus expectedStatus, SipParseError expectedError)
    {
        var bytes = TortureFixtures.Load("invalid", name);

        var status = SipMessageParser.TryReadFrame(new ReadOnlySequence<byte>(bytes), SipMessageParser.DefaultMaxMessageSize, out var result, out _, out _);

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedError, result.Error);
    }

    [Fact]
    public void Badvers_keeps_the_request_so_the_UAS_can_answer_505()
    {
        // RFC 4475 §3.1.2.16: "should respond with 505 Version Not Supported".
        var result = SipMessageParser.ParseDatagram(TortureFixtures.Load("invalid", "badvers"));

        var request = Assert.IsType<SipRequest>(result.Message);
        Assert.Equal("OPTIONS", request.Method);
        Assert.Equal("badvers.31417@c.example.com", request.CallId);
    }

    [Fact]
    public void Mismatch02_keeps_the_unknown_method()
    {
        // RFC 4475 §3.1.2.18: 501 Not Implemented is the better answer (400 is acceptable); the UAS decides.
        var result = SipMessageParser.ParseDatagram(TortureFixtures.Load("invalid", "mismatch02"));

        Assert.Equal("NEWMETHOD", Assert.IsType<SipRequest>(result.Message).Method);
        Assert.Equal("INVITE", result.Message.CSeq!.Method);
    }

    [Fact]
    public void Scalar02_is_rejected_for_the_CSeq_before_the_other_overlarge_fields()
    {
        // RFC 4475 §3.1.2.4: 400 "due to the CSeq error"; Max-Forwards 300 and the huge expiries come after.
        var message = SipMessageParser.ParseDatagram(TortureFixtures.Load("invalid", "scalar02")).Message!;

        Assert.Throws<SipParseException>(() => message.CSeq);
        Assert.Equal(SipParseError.InvalidMaxForwards, Assert.Throws<SipParseException>(() => message.MaxForwards).Error);
        Assert.Equal("280297596632815", message.Contacts[0].Parameters.Get("expires"));
    }
}
