using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>
/// RFC 4475 §3.2–3.4: syntactically valid messages whose handling belongs to the transaction layer or the UAS.
/// Each test checks that the parser hands up what that layer needs, and says what the layer must then do.
/// </summary>
public sealed class TortureSemanticMessageTests
{
    private static SipMessage Parse(string name, SipParseError expected = SipParseError.None)
    {
        var result = SipMessageParser.ParseDatagram(TortureFixtures.Load("valid", name));
        Assert.Equal(expected, result.Error);
        return result.Message!;
    }

    [Fact]
    public void Badbranch_cookie_without_identifier()
    {
        // §3.2.1: the transaction layer may answer 400 (statelessly) or fall back to RFC 2543 matching.
        var via = Parse("badbranch").TopVia!;

        Assert.Equal(SipViaHeader.MagicCookie, via.Branch);
        Assert.True(via.HasRfc3261Branch);
    }

    [Fact]
    public void Insuf_missing_required_headers()
    {
        // §3.3.1: no To, From, Call-ID or Max-Forwards. The UAS answers 400 from the Via and CSeq it has.
        var message = Parse("insuf", SipParseError.MissingRequiredHeader);

        Assert.Null(message.From);
        Assert.Null(message.To);
        Assert.Null(message.CallId);
        Assert.Equal(new CSeqHeader(193942, "INVITE"), message.CSeq);
        Assert.Equal("z9hG4bKkdj.insuf", message.TopVia!.Branch);
        Assert.Equal(152, message.Body.Length);
    }

    [Theory]
    [InlineData("unkscm", "nobodyknowsthisscheme", "totallyopaquecontent")]
    [InlineData("novelsc", "soap.beep", "//192.0.2.103:3002")]
    public void Request_uri_with_a_scheme_the_UAS_does_not_serve(string name, string scheme, string opaque)
    {
        // §3.3.2, §3.3.3: the UAS answers 416 Unsupported URI Scheme.
        var request = Assert.IsType<SipRequest>(Parse(name));

        Assert.False(request.RequestUri.IsSip);
        Assert.Equal(scheme, request.RequestUri.Scheme);
        Assert.Equal(opaque, request.RequestUri.Opaque);
    }

    [Fact]
    public void Unksm2_unknown_schemes_in_header_fields()
    {
        // §3.3.4: legal everywhere. A registrar answers 400 (To must be a SIP AOR); a UA handles the REGISTER
        // as any REGISTER it does not serve (405 Method Not Allowed with Allow).
        var message = Parse("unksm2");

        Assert.Equal("isbn", message.To!.Uri.Scheme);
        Assert.Equal("http", message.From!.Uri.Scheme);
        Assert.Equal("name", Assert.Single(message.Contacts).Uri.Scheme);
    }

    [Fact]
    public void Bext01_unknown_option_tags()
    {
        // §3.3.5: the UAS answers 420 Bad Extension with Unsupported listing both Require tags; Proxy-Require is
        // for proxies and ignored by a UAS.
        var message = Parse("bext01");

        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], message.Headers.GetValues(HeaderNames.Require));
        Assert.Equal(2, message.Headers.GetValues(HeaderNames.ProxyRequire)!.Count);
    }

    [Fact]
    public void Invut_unknown_content_type()
    {
        // §3.3.6: the UAS answers 415 Unsupported Media Type with an Accept header.
        var message = Parse("invut");

        Assert.Equal("application/unknownformat", message.ContentType);
        Assert.Equal(40, message.Body.Length);
    }

    [Fact]
    public void Regaut01_unknown_authorization_scheme()
    {
        // §3.3.7: a registrar answers 401 with a challenge in a scheme it knows; the raw value is kept for it.
        var message = Parse("regaut01");

        Assert.Equal("NoOneKnowsThisScheme opaque-data=here", message.Headers.GetFirst(HeaderNames.Authorization));
    }

    [Fact]
    public void Multi01_single_valued_headers_repeated()
    {
        // §3.3.8: two Call-IDs, To, From, CSeq and Max-Forwards. The UAS answers 400.
        var message = Parse("multi01", SipParseError.DuplicateHeader);

        Assert.Equal(2, message.Headers.CountOf(HeaderNames.CallId));
        Assert.Equal(154, message.Body.Length);
    }

    [Fact]
    public void Mcl01_conflicting_content_lengths()
    {
        // §3.3.9: over UDP the UAS answers 400 (the body cannot be delimited, so it is the rest of the datagram);
        // over a stream the framer reports Invalid and the transport closes the connection.
        var message = Parse("mcl01", SipParseError.DuplicateHeader);

        Assert.Equal(["13", "5"], message.Headers.GetRows(HeaderNames.ContentLength));
        Assert.StartsWith("There's no way", System.Text.Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void Bcast_response_with_broadcast_via()
    {
        // §3.3.10: a response with two Vias. The client transport discards it (RFC 3261 §18.1.2) and must never
        // forward anything to 255.255.255.255.
        var response = Assert.IsType<SipResponse>(Parse("bcast"));

        Assert.Equal(2, response.Vias.Count);
        Assert.Equal("255.255.255.255", response.Vias[1].Host);
    }

    [Fact]
    public void Zeromf_max_forwards_zero()
    {
        // §3.3.11: only proxies answer 483 for Max-Forwards 0; a UAS answers the OPTIONS normally.
        Assert.Equal(0, Parse("zeromf").MaxForwards);
    }

    [Fact]
    public void Cparam01_parameter_after_bare_uri_belongs_to_the_contact()
    {
        // §3.3.12: without <>, ";unknownparam" is a contact parameter, not a URI parameter (RFC 3261 §20.10).
        var contact = Assert.Single(Parse("cparam01").Contacts);

        Assert.Equal(0, contact.Uri.Parameters.Count);
        Assert.True(contact.Parameters.Contains("unknownparam"));
        Assert.Equal("+19725552222", contact.Uri.User);
    }

    [Fact]
    public void Cparam02_parameter_inside_angle_brackets_belongs_to_the_uri()
    {
        // §3.3.13: a registrar stores the URI parameter with the binding.
        var contact = Assert.Single(Parse("cparam02").Contacts);

        Assert.True(contact.Uri.Parameters.Contains("unknownparam"));
        Assert.Equal(0, contact.Parameters.Count);
    }

    [Fact]
    public void Regescrt_escaped_header_in_contact_uri()
    {
        // §3.3.14: legal inside <>. A registrar keeps it; whoever later uses the binding decides on the Route.
        var contact = Assert.Single(Parse("regescrt").Contacts);

        Assert.Equal("Route=%3Csip:sip.example.com%3E", contact.Uri.Headers);
    }

    [Fact]
    public void Sdp01_accept_without_sdp()
    {
        // §3.3.15: the answer may not carry SDP, so the UAS answers 406 Not Acceptable (RFC 3261 §21.4.7).
        var message = Parse("sdp01");

        Assert.Equal("text/nobodyKnowsThis", message.Headers.GetFirst(HeaderNames.Accept));
        Assert.Equal("application/sdp", message.ContentType);
    }

    [Fact]
    public void Inv2543_rfc2543_syntax()
    {
        // §3.4.1: no branch, no From tag, no Max-Forwards, no Content-Length. The UAS serves it: transactions match
        // by the RFC 2543 rules (RFC 3261 §17.2.3 fallback) and the body is the rest of the datagram.
        var request = Assert.IsType<SipRequest>(Parse("inv2543"));

        Assert.Null(request.TopVia!.Branch);
        Assert.Null(request.From!.Tag);
        Assert.Null(request.MaxForwards);
        // RFC 3261 §20.10 reads ";user=phone" after a bare URI as a header parameter; the From in <> keeps it in the URI.
        Assert.Equal("phone", request.To!.Parameters.Get("user"));
        Assert.Equal("phone", request.From.Uri.Parameters.Get("user"));
        Assert.Equal("ss1.example.com", Assert.Single(request.RecordRoutes).Uri.Parameters.Get("maddr"));
        Assert.Equal(105, request.Body.Length);
    }
}
