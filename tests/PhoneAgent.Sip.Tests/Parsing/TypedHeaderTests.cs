using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>The typed header parsers on their own: URIs, addresses, Via, CSeq, parameters and dates.</summary>
public sealed class TypedHeaderTests
{
    [Theory]
    [InlineData("sip:bob@example.com", "sip", "bob", "example.com", null)]
    [InlineData("SIP:bob@Example.COM:5060", "sip", "bob", "Example.COM", 5060)]
    [InlineData("sips:example.com.", "sips", null, "example.com.", null)]
    [InlineData("sip:192.0.2.1:0", "sip", null, "192.0.2.1", 0)]
    [InlineData("sip:[2001:db8::1]", "sip", null, "[2001:db8::1]", null)]
    [InlineData("sip:alice@[::ffff:192.0.2.1]:5061", "sip", "alice", "[::ffff:192.0.2.1]", 5061)]
    [InlineData("sip:+1-212-555-1212;phone-context=x@gw.example.com;user=phone", "sip", "+1-212-555-1212;phone-context=x", "gw.example.com", null)]
    [InlineData("sip:a-b.c-d.example", "sip", null, "a-b.c-d.example", null)]
    public void Sip_uri_parts(string text, string scheme, string? user, string host, int? port)
    {
        Assert.True(SipUri.TryParse(text, out var uri));
        Assert.Equal((scheme, user, host, port), (uri.Scheme, uri.User, uri.Host, uri.Port));
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@example.com")]
    [InlineData("sip:bob@")]
    [InlineData("sip:bob@-example.com")]
    [InlineData("sip:bob@example-.com")]
    [InlineData("sip:bob@exa..mple.com")]
    [InlineData("sip:bob@example..")]
    [InlineData("sip:bob@.")]
    [InlineData("sip:bob@192.0.2.1.")]
    [InlineData("sip:bob@192.0.2.256")]
    [InlineData("sip:bob@192.0.2")]
    [InlineData("sip:bob@example.com:")]
    [InlineData("sip:bob@example.com:65536")]
    [InlineData("sip:bob@[2001:db8::1]x")]
    [InlineData("sip:bob@[192.0.2.1]")]
    [InlineData("sip:bo b@example.com")]
    [InlineData("sip:bo\"b@example.com")]
    [InlineData("sip:bo%4@example.com")]
    [InlineData("sip:bob:pa#ss@example.com")]
    [InlineData("sip:bob@example.com;a=b=c")]
    [InlineData("sip:bob@example.com;")]
    [InlineData("sip:bob@example.com?")]
    [InlineData("sip:bob@example.com?Subject")]
    [InlineData("sip:bob@example.com?Subject=a<b")]
    [InlineData("1sip:bob@example.com")]
    [InlineData(":bob@example.com")]
    [InlineData("tel:")]
    [InlineData("tel:12 34")]
    [InlineData("urn:%zz")]
    public void Malformed_uri_is_rejected(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Fact]
    public void Uri_parameters_and_headers_are_separated()
    {
        Assert.True(SipUri.TryParse("sip:bob@example.com;transport=tcp;lr;maddr=[2001:db8::2]?Subject=hi&Priority=urgent", out var uri));

        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.IsLooseRouter);
        Assert.Equal("[2001:db8::2]", uri.Parameters.Get("maddr"));
        Assert.Equal("Subject=hi&Priority=urgent", uri.Headers);
        Assert.Equal("sip:bob@example.com;transport=tcp;lr;maddr=[2001:db8::2]?Subject=hi&Priority=urgent", uri.ToString());
    }

    [Theory]
    [MemberData(nameof(SipParsingData.ContactLists), MemberType = typeof(SipParsingData))]
    public void Address_list(string text, string[] uris, string?[] displayNames, string[] parameters)
    {
        Assert.True(NameAddress.TryParseList(text, out var list));

        Assert.Equal(uris, list.Select(a => a.Uri.ToString()));
        Assert.Equal(displayNames, list.Select(a => a.DisplayName));
        Assert.Equal(parameters, list.Select(a => a.Parameters.ToString()));
    }

    [Theory]
    [InlineData("\"J Rosenberg \\\\\\\"\" <sip:j@example.com>", "J Rosenberg \\\"")]
    [InlineData("\"tab\there\" <sip:j@example.com>", "tab\there")]
    [InlineData("\"\u00e9t\u00e9\"<sip:j@example.com>", "\u00e9t\u00e9")]
    [InlineData("A   B <sip:j@example.com>", "A   B")]
    public void Display_name(string text, string expected)
    {
        Assert.True(NameAddress.TryParse(text, out var address));
        Assert.Equal(expected, address.DisplayName);
    }

    [Theory]
    [InlineData("\"bell\u0007\" <sip:j@example.com>")]
    [InlineData("\"trailing backslash\\\" <sip:j@example.com>")]
    [InlineData("\"quoted\" sip:j@example.com")]
    [InlineData("A@B <sip:j@example.com>")]
    [InlineData("<sip:j@example.com>>")]
    [InlineData("<sip:j@example.com ;lr>")]
    [InlineData("sip:j@example.com,sip:k@example.com")]
    [InlineData("")]
    [InlineData("   ")]
    public void Malformed_address_is_rejected(string text)
    {
        Assert.False(NameAddress.TryParse(text, out _));
    }

    [Theory]
    [InlineData("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds", "UDP", "pc33.example.com", null, "z9hG4bK776asdhds")]
    [InlineData("SIP/2.0/tcp 192.0.2.1:5060;branch=z9hG4bKa", "TCP", "192.0.2.1", 5060, "z9hG4bKa")]
    [InlineData("SIP / 2.0 / TLS   host.example.com : 5061 ; branch = z9hG4bKb", "TLS", "host.example.com", 5061, "z9hG4bKb")]
    [InlineData("SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bKc", "UDP", "[2001:db8::9]", 5070, "z9hG4bKc")]
    [InlineData("SIP/2.0/UDP [2001:db8::9] : 5070", "UDP", "[2001:db8::9]", 5070, null)]
    [InlineData("SIP/2.0/WSS df7jal23ls0d.invalid;rport;branch=z9hG4bKd", "WSS", "df7jal23ls0d.invalid", null, "z9hG4bKd")]
    public void Via_parts(string text, string transport, string host, int? port, string? branch)
    {
        Assert.True(SipViaHeader.TryParse(text, out var via));
        Assert.Equal((transport, host, port, branch), (via.Transport, via.Host, via.Port, via.Branch));
    }

    [Fact]
    public void Via_received_and_rport()
    {
        Assert.True(SipViaHeader.TryParse("SIP/2.0/UDP h.example.com;rport=5061;received=2001:db8::5;ttl=16", out var via));

        Assert.True(via.HasRport);
        Assert.Equal(5061, via.RportValue);
        Assert.Equal("2001:db8::5", via.Received);
        Assert.Equal("SIP/2.0/UDP h.example.com;rport=5061;received=2001:db8::5;ttl=16", via.ToString());
    }

    [Theory]
    [InlineData("1 INVITE", 1, "INVITE")]
    [InlineData("  0009 \t  INVITE  ", 9, "INVITE")]
    [InlineData("2147483647 ACK", 2147483647, "ACK")]
    [InlineData("00000000000000000001 BYE", 1, "BYE")]
    public void CSeq_parts(string text, long number, string method)
    {
        Assert.True(CSeqHeader.TryParse(text, out var cseq));
        Assert.Equal(new CSeqHeader(number, method), cseq);
    }

    [Theory]
    [InlineData("2147483648 INVITE")]
    [InlineData("36893488147419103232 REGISTER")]
    [InlineData("-1 INVITE")]
    [InlineData("1")]
    [InlineData("INVITE")]
    [InlineData("1 INVITE extra")]
    [InlineData("1 INV@ITE")]
    [InlineData("")]
    public void Malformed_cseq_is_rejected(string text)
    {
        Assert.False(CSeqHeader.TryParse(text, out _));
    }

    [Theory]
    [InlineData("tag=1;lr", "tag=1", "lr=")]
    [InlineData(" tag = 1 ; lr ", "tag=1", "lr=")]
    [InlineData("q=0.5;x=\"a;b\"", "q=0.5", "x=\"a;b\"")]
    [InlineData("maddr=[2001:db8::1]", "maddr=[2001:db8::1]")]
    [InlineData("x=\"esc \\\" quote\";y", "x=\"esc \\\" quote\"", "y=")]
    public void Header_parameters(string text, params string[] expected)
    {
        Assert.True(SipParameters.TryParse(text, out var parameters));
        Assert.Equal(expected, parameters.Select(p => $"{p.Key}={p.Value}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tag=1;")]
    [InlineData(";tag=1")]
    [InlineData("tag=")]
    [InlineData("=1")]
    [InlineData("t@g=1")]
    [InlineData("x=\"open")]
    [InlineData("x=\"a\"b")]
    [InlineData("x=a b")]
    [InlineData("x=<sip:a@b>")]
    public void Malformed_header_parameters_are_rejected(string text)
    {
        Assert.False(SipParameters.TryParse(text, out _));
    }

    [Theory]
    [InlineData("Sat, 13 Nov 2010 23:29:00 GMT", 2010, 11, 13)]
    [InlineData("Thu, 29 Feb 2024 00:00:00 GMT", 2024, 2, 29)]
    [InlineData("Mon, 15 Oct 2005 04:44:56 GMT", 2005, 10, 15)]
    public void Sip_date(string text, int year, int month, int day)
    {
        Assert.True(SipDate.TryParse(text, out var date));
        Assert.Equal(new DateTimeOffset(year, month, day, date.Hour, date.Minute, date.Second, TimeSpan.Zero), date);
    }

    [Theory]
    [InlineData("Fri, 01 Jan 2010 16:00:00 EST")]
    [InlineData("Fri, 1 Jan 2010 16:00:00 GMT")]
    [InlineData("Fry, 01 Jan 2010 16:00:00 GMT")]
    [InlineData("Fri, 01 jan 2010 16:00:00 GMT")]
    [InlineData("Fri, 01 Jan 2010 24:00:00 GMT")]
    [InlineData("Fri, 29 Feb 2010 16:00:00 GMT")]
    [InlineData("Fri, 01 Jan 0000 16:00:00 GMT")]
    [InlineData("2010-01-01T16:00:00Z")]
    public void Malformed_sip_date_is_rejected(string text)
    {
        Assert.False(SipDate.TryParse(text, out _));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("%41%62c", "Abc")]
    [InlineData("value%2541", "value%41")]
    [InlineData("%C3%A9", "\u00e9")]
    [InlineData("100%", "100%")]
    [InlineData("%zz", "%zz")]
    public void Unescape(string text, string expected)
    {
        Assert.Equal(expected, SipGrammar.Unescape(text));
    }
}
