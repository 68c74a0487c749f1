using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>RFC 4475 §3.1.1: the valid messages parse to the values the RFC describes.</summary>
public sealed class TortureValidMessageTests
{
    private static SipMessage Parse(string name)
    {
        var result = SipMessageParser.ParseDatagram(TortureFixtures.Load("valid", name));
        Assert.True(result.IsValid, $"{name}: {result.Error}");
        return result.Message!;
    }

    [Fact]
    public void Wsinv_short_tortuous_invite()
    {
        var request = Assert.IsType<SipRequest>(Parse("wsinv"));

        Assert.Equal("INVITE", request.Method);
        Assert.Equal("vivekg", request.RequestUri.User);
        Assert.True(request.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Equal("sip:vivekg@chair-dnrc.example.com", request.To!.Uri.ToString());
        Assert.Equal("1918181833n", request.To.Tag);
        Assert.Equal("J Rosenberg \\\"", request.From!.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal(68, request.MaxForwards);
        Assert.Equal(new CSeqHeader(9, "INVITE"), request.CSeq);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", request.CallId);
        Assert.Collection(
            request.Vias,
            v => Assert.Equal(("UDP", "192.0.2.2", "390skdjuw"), (v.Transport, v.Host, v.Branch)),
            v => Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (v.Transport, v.Host, v.Branch)),
            v => Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (v.Transport, v.Host, v.Branch)));
        Assert.Equal(string.Empty, request.Headers.GetFirst(HeaderNames.Subject));
        Assert.Equal("newfangled value continued newfangled value", request.Headers.GetFirst("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", request.Headers.GetFirst("UnknownHeaderWithUnusualValue"));
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal(["newparam", "secondparam", "q"], contact.Parameters.Select(p => p.Key));
        Assert.Equal("newvalue", contact.Parameters.Get("newparam"));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.True(Assert.Single(request.Routes).Uri.IsLooseRouter);
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void Intmeth_wide_range_of_valid_characters()
    {
        var request = Assert.IsType<SipRequest>(Parse("intmeth"));

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.Equal("example.com", request.RequestUri.Host);
        // Control characters are legal inside a quoted-string only as quoted-pairs.
        Assert.Equal("BEL:\a NUL:\0 DEL:\x7f", request.To!.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.To.Uri.User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", request.From!.DisplayName);
        Assert.Equal("\"работающий\"", request.From.Parameters.Get("fromParam''~+*_!.-%"));
        Assert.Equal("_token~1'+`*%!-.", request.From.Tag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", request.CallId);
        Assert.Equal(request.Method, request.CSeq!.Method);
        Assert.Equal(255, request.MaxForwards);
        Assert.Equal("\ufeff大停電", request.Headers.GetFirst("extensionHeader-!.%*+_`'~"));
        Assert.Equal("z9hG4bK-.!%66*_+`'~", request.TopVia!.Branch);
    }

    [Fact]
    public void Esc01_valid_use_of_percent_escaping()
    {
        var request = Assert.IsType<SipRequest>(Parse("esc01"));

        // The user parts stay escaped as received; unescaping happens once, on demand (RFC 3261 §19.1.4).
        Assert.Equal("sips%3Auser%40example.com", request.RequestUri.User);
        Assert.Equal("sips:user@example.com", SipGrammar.Unescape(request.RequestUri.User!));
        Assert.Equal("example.net", request.RequestUri.Host);
        Assert.Equal("user", SipGrammar.Unescape(request.To!.Uri.User!));
        Assert.Equal("I have spaces", SipGrammar.Unescape(request.From!.Uri.User!));
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("caller", SipGrammar.Unescape(contact.Uri.User!));
        var parameters = contact.Uri.Parameters.Select(p => (SipGrammar.Unescape(p.Key), p.Value is null ? null : SipGrammar.Unescape(p.Value)));
        // "value%25%34%31" is "value%41", not "valueA": escapes are never resolved twice.
        Assert.Equal([("lr", null), ("name", "value%41")], parameters);
        Assert.Equal("application/sdp", request.ContentType);
    }

    [Fact]
    public void Escnull_escaped_nulls_in_uris()
    {
        var message = Parse("escnull");

        Assert.Equal("null-\0-null", SipGrammar.Unescape(message.To!.Uri.User!));
        Assert.Equal("null-\0-null", SipGrammar.Unescape(message.From!.Uri.User!));
        Assert.Equal(["\0", "\0\0"], message.Contacts.Select(c => SipGrammar.Unescape(c.Uri.User!)));
    }

    [Fact]
    public void Esc02_percent_that_is_not_an_escape()
    {
        var request = Assert.IsType<SipRequest>(Parse("esc02"));

        // An unknown method, not REGISTER: a UAS answers 501 Not Implemented (RFC 4475 §3.1.1.5).
        Assert.Equal("RE%47IST%45R", request.Method);
        Assert.Equal("%Z%45", request.To!.DisplayName);
        Assert.Equal("%Z%45", request.From!.DisplayName);
        Assert.Equal("z9hG4bK209%fzsnel234", request.TopVia!.Branch);
        // "C%6Fntact" is an unknown header, so there are two Contact values, not three.
        Assert.Equal(["alias1", "alias3"], request.Contacts.Select(c => c.Uri.User));
        Assert.Equal("<sip:alias2@host2.example.com>", request.Headers.GetFirst("C%6Fntact"));
    }

    [Fact]
    public void Lwsdisp_no_whitespace_between_display_name_and_angle_bracket()
    {
        var message = Parse("lwsdisp");

        Assert.Equal("caller", message.From!.DisplayName);
        Assert.Equal("sip:caller@example.com", message.From.Uri.ToString());
        Assert.Equal("323", message.From.Tag);
    }

    [Fact]
    public void Longreq_long_values_in_header_fields()
    {
        var message = Parse("longreq");

        Assert.Equal($"I have a user name of {string.Concat(Enumerable.Repeat("extreme", 10))} proportion", message.To!.DisplayName);
        Assert.Equal(6000, message.To.Uri.Port);
        Assert.Equal(3, message.To.Uri.Parameters.Count);
        Assert.Equal("shortvalue", message.To.Uri.Parameters.Get($"longparam{string.Concat(Enumerable.Repeat("name", 25))}"));
        Assert.Equal(string.Concat(Enumerable.Repeat("amazinglylongcallername", 5)), message.From!.Uri.User);
        Assert.Equal(155, message.From.Tag!.Length);
        Assert.Equal(3, message.From.Parameters.Count);
        Assert.StartsWith("longreq.onereally", message.CallId);
        // 33 Via rows spelled every way ("v", "V :", "vIA", ...) plus the last with received and a long branch.
        Assert.Equal(34, message.Vias.Count);
        Assert.Equal("sip33.example.com", message.Vias[0].Host);
        Assert.Equal("192.0.2.5", message.Vias[33].Received);
        Assert.Equal($"very{string.Concat(Enumerable.Repeat("long", 50))}branchvalue", message.Vias[33].Branch);
        Assert.Equal(150, message.Body.Length);
    }

    [Fact]
    public void Dblreq_extra_octets_after_content_length_are_ignored()
    {
        // RFC 3261 §18.3: octets beyond Content-Length in a datagram are discarded; the INVITE is never seen.
        var request = Assert.IsType<SipRequest>(Parse("dblreq"));

        Assert.Equal("REGISTER", request.Method);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", request.CallId);
        Assert.True(request.Body.IsEmpty);
    }

    [Fact]
    public void Semiuri_semicolons_in_the_user_part()
    {
        var request = Assert.IsType<SipRequest>(Parse("semiuri"));

        Assert.Equal("user;par=u@example.net", SipGrammar.Unescape(request.RequestUri.User!));
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal(0, request.RequestUri.Parameters.Count);
        Assert.Equal(6, request.Headers.GetValues(HeaderNames.Accept)!.Count);
    }

    [Fact]
    public void Transports_varied_and_unknown_transport_types()
    {
        var message = Parse("transports");

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], message.Vias.Select(v => v.Transport));
        Assert.Equal("transports.kijh4akdnaqjkwendsasfdj", message.CallId);
    }

    [Fact]
    public void Mpart01_multipart_body_with_binary_part()
    {
        var message = Parse("mpart01");

        Assert.Equal(553, message.Body.Length);
        Assert.Equal("multipart/mixed;boundary=7a9cbec02ceef655", message.ContentType);
        Assert.True(message.Body.Span.StartsWith("--7a9cbec02ceef655\r\n"u8));
        Assert.True(message.Body.Span.EndsWith("--7a9cbec02ceef655--\r\n"u8));
        Assert.True(message.TopVia!.HasRport);
    }

    [Fact]
    public void Unreason_utf8_reason_phrase()
    {
        var response = Assert.IsType<SipResponse>(Parse("unreason"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", response.ReasonPhrase);
        Assert.Equal(154, response.Body.Length);
    }

    [Fact]
    public void Noreason_empty_reason_phrase()
    {
        var response = Assert.IsType<SipResponse>(Parse("noreason"));

        Assert.Equal(100, response.StatusCode);
        Assert.Equal(string.Empty, response.ReasonPhrase);
    }
}
