using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Tests.Transactions;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Auth;

/// <summary>Digest client and server against the RFCs' worked examples, then round trips and the failure cases.</summary>
public sealed class DigestTests
{
    public static TheoryData<string, string, string, string, string, string, string, string, string> RfcExamples => new()
    {
        // RFC 7616 §3.9.1, MD5 and SHA-256 (username "Mufasa", password "Circle of Life").
        {
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            "Mufasa", "Circle of Life", "GET", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "MD5",
            "8ca523f5e9506fed4657c9700eebdbec", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
        },
        {
            "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            "Mufasa", "Circle of Life", "GET", "/dir/index.html", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "SHA-256",
            "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
        },
        // RFC 2617 §3.5 (password "Circle Of Life", no algorithm directive: MD5).
        {
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", "MD5",
            "6629fae49393a05397450978507c4ef1", "5ccc069c403ebaf9f0171e9517f40e41"
        },
    };

    [Theory]
    [MemberData(nameof(RfcExamples))]
    public void Answers_the_rfc_examples(string challengeHeader, string user, string password, string method, string uri, string cnonce, string algorithm, string expected, string opaque)
    {
        Assert.True(DigestChallenge.TryParse(challengeHeader, isProxy: false, out var challenge, out var problem), problem);
        Assert.Equal(algorithm, challenge.Algorithm.Name);
        Assert.True(challenge.QopAuth);
        var client = new DigestClient(new DigestCredentials(user, password), () => cnonce);
        var answer = client.Answer(challenge, method, uri);
        Assert.Equal(expected, answer.Response);
        Assert.Equal("00000001", answer.NonceCount);
        Assert.Equal(opaque, answer.Opaque);
        // The header we write parses back to the same credentials.
        Assert.True(DigestResponse.TryParse(answer.ToString(), out var parsed, out _));
        Assert.Equal(answer, parsed);
    }

    [Fact]
    public void Nonce_count_increments_per_nonce()
    {
        var client = new DigestClient(new DigestCredentials("bot", "secret"));
        var a = Challenge("nonce-a");
        var b = Challenge("nonce-b");
        Assert.Equal("00000001", client.Answer(a, "REGISTER", "sip:example.org").NonceCount);
        Assert.Equal("00000002", client.Answer(a, "REGISTER", "sip:example.org").NonceCount);
        Assert.Equal("00000001", client.Answer(b, "REGISTER", "sip:example.org").NonceCount);
        var first = client.Answer(a, "REGISTER", "sip:example.org");
        var second = client.Answer(a, "REGISTER", "sip:example.org");
        Assert.NotEqual(first.ClientNonce, second.ClientNonce);
    }

    [Fact]
    public void Challenge_without_qop_gets_an_rfc2069_response()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\"", false, out var challenge, out _));
        var answer = new DigestClient(new DigestCredentials("u", "p")).Answer(challenge, "INVITE", "sip:bob@r");
        Assert.Null(answer.Qop);
        Assert.Null(answer.NonceCount);
        var a = DigestAlgorithm.Md5;
        Assert.Equal(a.H($"{a.H("u:r:p")}:n:{a.H("INVITE:sip:bob@r")}"), answer.Response);
    }

    [Fact]
    public void Sess_variant_hashes_nonce_and_cnonce_into_ha1()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=MD5-sess", false, out var challenge, out _));
        var answer = new DigestClient(new DigestCredentials("u", "p"), () => "c").Answer(challenge, "INVITE", "sip:x");
        var h = DigestAlgorithm.Md5;
        var ha1 = h.H($"{h.H("u:r:p")}:n:c");
        Assert.Equal(h.H($"{ha1}:n:00000001:c:auth:{h.H("INVITE:sip:x")}"), answer.Response);
    }

    [Theory]
    [InlineData("Basic realm=\"r\"", "not a well-formed Digest challenge")]
    [InlineData("Digest nonce=\"n\"", "realm or nonce missing")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", "unsupported algorithm 'SHA-512-256'")]
    [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", "unsupported qop 'auth-int'")]
    [InlineData("Digest realm=\"r, nonce=\"n\"", "not a well-formed Digest challenge")]
    [InlineData("Digest realm=\"r\", realm=\"s\", nonce=\"n\"", "not a well-formed Digest challenge")]
    [InlineData("Digest", "not a well-formed Digest challenge")]
    public void Bad_challenges_are_refused_with_a_reason(string header, string reason)
    {
        Assert.False(DigestChallenge.TryParse(header, false, out _, out var problem));
        Assert.Equal(reason, problem);
    }

    [Fact]
    public void Stale_flag_is_parsed()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", stale=TRUE", true, out var challenge, out _));
        Assert.True(challenge.Stale);
        Assert.True(challenge.IsProxy);
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public void Server_accepts_what_a_client_computes(string algorithmName)
    {
        Assert.True(DigestAlgorithm.TryParse(algorithmName, out var algorithm));
        var time = new ManualTimeProvider();
        var server = Server(time, algorithm);
        var request = Signed(server.CreateChallenge(), "bot", "secret");
        Assert.Equal(DigestVerification.Valid, server.Verify(request, HeaderNames.Authorization, out var user));
        Assert.Equal("bot", user);
    }

    [Fact]
    public void Server_reports_each_failure()
    {
        var time = new ManualTimeProvider();
        var server = Server(time, DigestAlgorithm.Md5);
        Assert.Equal(DigestVerification.Missing, server.Verify(SipMessageBuilder.Request(SipMethods.Invite, SipMessageBuilder.NewBranch()), HeaderNames.Authorization, out _));
        Assert.Equal(DigestVerification.WrongPassword, server.Verify(Signed(server.CreateChallenge(), "bot", "wrong"), HeaderNames.Authorization, out _));
        Assert.Equal(DigestVerification.UnknownUser, server.Verify(Signed(server.CreateChallenge(), "mallory", "secret"), HeaderNames.Authorization, out _));
        var forged = server.CreateChallenge() with { Nonce = Convert.ToBase64String(new byte[24]) };
        Assert.Equal(DigestVerification.BadNonce, server.Verify(Signed(forged, "bot", "secret"), HeaderNames.Authorization, out _));
        var other = new DigestServer("pbx.example.org", _ => "secret", time);
        Assert.Equal(DigestVerification.BadNonce, server.Verify(Signed(other.CreateChallenge() with { Realm = server.Realm }, "bot", "secret"), HeaderNames.Authorization, out _));
        var garbage = SipMessageBuilder.Request(SipMethods.Invite, SipMessageBuilder.NewBranch());
        garbage.Headers.Add(HeaderNames.Authorization, "Digest username=");
        Assert.Equal(DigestVerification.Malformed, server.Verify(garbage, HeaderNames.Authorization, out _));
    }

    [Fact]
    public void An_old_nonce_is_stale_only_once_its_lifetime_passed()
    {
        var time = new ManualTimeProvider();
        var server = Server(time, DigestAlgorithm.Md5);
        var challenge = server.CreateChallenge();
        var request = Signed(challenge, "bot", "secret");
        time.Advance(server.NonceLifetime);
        Assert.Equal(DigestVerification.Valid, server.Verify(request, HeaderNames.Authorization, out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DigestVerification.Stale, server.Verify(request, HeaderNames.Authorization, out _));
        // A stale nonce with a wrong password is still a wrong password: stale=true must not invite guessing.
        Assert.Equal(DigestVerification.WrongPassword, server.Verify(Signed(challenge, "bot", "bad"), HeaderNames.Authorization, out _));
    }

    [Fact]
    public void Challenge_header_round_trips()
    {
        var server = Server(new ManualTimeProvider(), DigestAlgorithm.Sha256);
        var challenge = server.CreateChallenge(stale: true);
        Assert.True(DigestChallenge.TryParse(challenge.ToString(), false, out var parsed, out _));
        Assert.Equal(challenge, parsed);
    }

    private static DigestServer Server(TimeProvider time, DigestAlgorithm algorithm) =>
        new("bot.example.org", user => user == "bot" ? "secret" : null, time, algorithm);

    private static DigestChallenge Challenge(string nonce) => new() { Realm = "example.org", Nonce = nonce, QopAuth = true };

    private static SipRequest Signed(DigestChallenge challenge, string user, string password)
    {
        var request = SipMessageBuilder.Request(SipMethods.Invite, SipMessageBuilder.NewBranch());
        var answer = new DigestClient(new DigestCredentials(user, password)).Answer(challenge, request.Method, request.RequestUri.ToString());
        request.Headers.Add(HeaderNames.Authorization, answer.ToString());
        return request;
    }
}
