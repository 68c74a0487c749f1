using System.Buffers;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>
/// Deterministic fuzzing: random and mutated inputs never make the parser throw, never make
/// <see cref="SipMessage.Validate"/> throw, and never stall stream framing. The seed is fixed so a failure
/// reproduces; a crasher found this way is checked in under tests/Fixtures/fuzz as a regression input.
/// </summary>
public sealed class ParserRobustnessTests
{
    private const int Iterations = 20_000;
    private const int Max = 4096;

    // Bytes that steer the parser into its interesting branches more often than uniform noise would.
    private static readonly byte[] Interesting = "\r\n \t:;,\"<>@[]%=?/\\.\0\u007f0123456789SIPsip"u8.ToArray();

    // Valid header values that grammar fragments are spliced into: this reaches the typed-header parsers' corner
    // cases (empty labels, brackets without addresses, dangling escapes) far more often than bit flips do.
    private static readonly string[] Headers = ["Via", "v", "To", "From", "f", "Contact", "m", "Route", "Record-Route", "CSeq", "Call-ID", "Max-Forwards", "Content-Length", "l", "Expires", "Date", "X"];

    private static readonly string[] Templates =
    [
        "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport", "SIP/2.0/TCP [2001:db8::1]:5061;received=192.0.2.9, SIP/2.0/TLS h.example.com",
        "\"Bob \\\"B\\\"\" <sips:bob:pw@[2001:db8::1]:5061;transport=tcp;lr?Subject=x&P=y>;tag=1;q=0.5",
        "sip:alice@example.com;tag=9", "Alice <sip:alice@example.com.>, <tel:+1-201-555-0123>", "*",
        "1 INVITE", "0009 ACK", "70", "0", "3600", "Sat, 13 Nov 2010 23:29:00 GMT", "a84b4c76e66710@pc33.example.org",
    ];

    private static readonly string[] Fragments =
    [
        "sip:", "tel:", "@", ".", "..", "-", "[", "]", "::", "192.0.2.1", "256", ":", ":99999", ";", ";;", "=", "0009", "2147483648",
        "\"", "\\", "<", ">", ",", " ", "\t", "\r\n ", "%", "%4", "%00", "?", "&", "/", "branch=", "received=", "rport=", "ttl=300", "GMT", "\u00e9", "\0",
    ];

    private static readonly byte[][] Seeds =
    [
        .. TortureFixtures.Names("valid").Select(n => TortureFixtures.Load("valid", n)),
        .. TortureFixtures.Names("invalid").Select(n => TortureFixtures.Load("invalid", n)),
    ];

    [Fact]
    public void Random_and_mutated_inputs_never_throw()
    {
        var random = new Random(4475);
        for (var i = 0; i < Iterations; i++)
        {
            var input = (i % 5) switch
            {
                0 => Noise(random),
                1 => Soup(random),
                _ => Mutate(random, Seeds[random.Next(Seeds.Length)]),
            };
            Exercise(input, random, i);
        }
    }

    public static TheoryData<string> FuzzRegressions => [.. Directory.EnumerateFiles(FuzzDirectory, "*.bin").Select(f => Path.GetFileName(f.AsSpan()).ToString()).Order()];

    private static string FuzzDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz");

    [Theory]
    [MemberData(nameof(FuzzRegressions))]
    public void Checked_in_crasher_no_longer_throws(string file)
    {
        Exercise(File.ReadAllBytes(Path.Combine(FuzzDirectory, file)), new Random(0), 0);
    }

    private static void Exercise(byte[] input, Random random, int iteration)
    {
        try
        {
            var result = SipMessageParser.ParseDatagram(input, Max);
            Touch(result);
            FrameAll(input, random);
        }
        catch (Exception e)
        {
            Assert.Fail($"iteration {iteration} threw {e.GetType().Name}: {e.Message}\ninput: {Convert.ToBase64String(input)}");
        }
    }

    // Validation and serialisation must cope with whatever the parser let through, and every typed getter may
    // only fail with the documented SipParseException, even on headers Validate never reached.
    private static void Touch(SipParseResult result)
    {
        if (result.Message is not { } message) return;
        var error = message.Validate();
        Func<object?>[] getters =
        [
            () => message.Vias, () => message.From, () => message.To, () => message.CSeq, () => message.MaxForwards,
            () => message.Contacts, () => message.Routes, () => message.RecordRoutes, () => message.CallId,
        ];
        foreach (var getter in getters)
        {
            try
            {
                _ = getter();
            }
            catch (SipParseException)
            {
            }
        }
        if (error == SipParseError.None) _ = SipMessageParser.ParseDatagram(message.ToBytes(), int.MaxValue);
    }

    // Frames the input split at random points until the framer asks for more or gives up; each step must progress.
    private static void FrameAll(byte[] input, Random random)
    {
        var buffer = TestSegment.Split(input, [.. Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(input.Length + 1))]);
        while (true)
        {
            var status = SipMessageParser.TryReadFrame(buffer, Max, out var result, out var consumed, out _);
            Touch(result);
            if (status is SipFrameStatus.NeedMoreData or SipFrameStatus.Invalid) return;
            var rest = buffer.Slice(consumed);
            Assert.True(rest.Length < buffer.Length, "a frame consumed nothing");
            buffer = rest;
        }
    }

    private static byte[] Noise(Random random)
    {
        var bytes = new byte[random.Next(0, 600)];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = random.Next(3) == 0 ? Interesting[random.Next(Interesting.Length)] : (byte)random.Next(256);
        }
        return bytes;
    }

    private static byte[] Soup(Random random)
    {
        var text = new System.Text.StringBuilder(random.Next(2) == 0 ? "INVITE sip:bob@example.com SIP/2.0\r\n" : "SIP/2.0 200 OK\r\n");
        for (var h = random.Next(1, 10); h > 0; h--)
        {
            var value = new System.Text.StringBuilder(Templates[random.Next(Templates.Length)]);
            for (var f = random.Next(1, 4); f > 0; f--)
            {
                var at = random.Next(value.Length + 1);
                var cut = random.Next(3) == 0 ? Math.Min(random.Next(1, 6), value.Length - at) : 0;
                value.Remove(at, cut).Insert(at, Fragments[random.Next(Fragments.Length)]);
            }
            text.Append(Headers[random.Next(Headers.Length)]).Append(": ").Append(value).Append("\r\n");
        }
        return System.Text.Encoding.UTF8.GetBytes(text.Append("\r\n").ToString());
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = new List<byte>(seed);
        var edits = 1 + random.Next(8);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at));
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 80), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }
}
