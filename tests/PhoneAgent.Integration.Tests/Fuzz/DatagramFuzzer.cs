using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PhoneAgent.Integration.Tests.Fuzz;

/// <summary>
/// Makes random and mutated SIP datagrams, the same ones for the same seed and target, and sends them
/// to a UDP endpoint. The mix covers pure noise, valid messages (baseline), and broken framing, sizes,
/// mandatory headers and encodings: what a UDP listener on the open internet receives.
/// </summary>
public sealed class DatagramFuzzer(int seed, IPEndPoint target)
{
    /// <summary>How many datagrams a run makes unless told otherwise.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>The largest UDP payload over IPv4: 65,535 minus the 8-byte UDP and 20-byte IP headers.</summary>
    public const int MaxDatagramSize = 65_507;

    private static readonly FuzzMutation[] Mutations = Enum.GetValues<FuzzMutation>();

    /// <summary>The seed this fuzzer replays.</summary>
    public int Seed { get; } = seed;

    /// <summary>Generates <paramref name="count"/> datagrams; enumerating twice yields the same sequence.</summary>
    public IEnumerable<FuzzDatagram> Generate(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(Seed);
        for (var index = 0; index < count; index++)
        {
            var mutation = Mutations[random.Next(Mutations.Length)];
            if (mutation == FuzzMutation.RandomBytes)
            {
                var noise = new byte[random.Next(0, 1500)];
                random.NextBytes(noise);
                yield return new FuzzDatagram(index, mutation, "none", noise);
                continue;
            }
            var draft = SipTemplates.Create(random, target);
            var payload = Mutate(mutation, draft, random);
            if (payload.Length > MaxDatagramSize) payload = payload[..MaxDatagramSize];
            yield return new FuzzDatagram(index, mutation, draft.Template, payload);
        }
    }

    /// <summary>
    /// Sends <paramref name="datagrams"/> to <paramref name="destination"/> from one loopback socket.
    /// Every <paramref name="batchSize"/> datagrams it pauses for <paramref name="pause"/> (1 ms by
    /// default) so the receiver can drain its socket buffer: a fuzz run that the kernel silently drops
    /// tests nothing. Returns how many datagrams were sent.
    /// </summary>
    public static async Task<int> SendAsync(
        IEnumerable<FuzzDatagram> datagrams, IPEndPoint destination, CancellationToken cancellationToken,
        int batchSize = 100, TimeSpan? pause = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var interval = pause ?? TimeSpan.FromMilliseconds(1);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var sent = 0;
        foreach (var datagram in datagrams)
        {
            // Unconnected sends: an ICMP error from a restarting receiver must not abort the run.
            await socket.SendToAsync(datagram.Payload, SocketFlags.None, destination, cancellationToken);
            sent++;
            if (sent % batchSize == 0) await Task.Delay(interval, cancellationToken);
        }
        return sent;
    }

    private static byte[] Mutate(FuzzMutation mutation, SipDraft draft, Random random)
    {
        switch (mutation)
        {
            case FuzzMutation.Valid:
                return draft.ToBytes();
            case FuzzMutation.CompactHeaders:
                for (var i = 0; i < draft.Headers.Count; i++)
                {
                    var compact = SipTemplates.CompactName(draft.Headers[i].Key);
                    if (compact is not null) draft.Headers[i] = new(compact, draft.Headers[i].Value);
                }
                return draft.ToBytes();
            case FuzzMutation.BitFlips:
                return FlipBits(draft.ToBytes(), random);
            case FuzzMutation.Truncated:
                var whole = draft.ToBytes();
                return whole[..random.Next(whole.Length)];
            case FuzzMutation.DuplicatedCrlf:
                return DuplicateCrlf(draft.ToBytes(), random);
            case FuzzMutation.RemovedCrlf:
                return RemoveCrlf(draft.ToBytes(), random);
            case FuzzMutation.BareLineFeeds:
                draft.LineEnd = "\n";
                return draft.ToBytes();
            case FuzzMutation.HugeHeader:
                draft.Headers.Insert(random.Next(draft.Headers.Count + 1), new("X-Fuzz", new string('a', random.Next(10_000, MaxDatagramSize))));
                return draft.ToBytes();
            case FuzzMutation.VeryLongLine:
                var filler = new string('x', random.Next(10_000, 60_000));
                draft.StartLine = draft.StartLine.StartsWith("SIP/", StringComparison.Ordinal)
                    ? draft.StartLine + " " + filler
                    : draft.StartLine.Replace("sip:bot@", $"sip:{filler}@", StringComparison.Ordinal);
                return draft.ToBytes();
            case FuzzMutation.ManyHeaders:
                var copies = random.Next(1_000, 5_000);
                var name = random.Next(2) == 0 ? "Via" : "X-Many";
                for (var i = 0; i < copies; i++) draft.Add(name, $"SIP/2.0/UDP 127.0.0.1:{5060 + (i % 1000)};branch=z9hG4bK{i}");
                return draft.ToBytes();
            case FuzzMutation.NegativeContentLength:
                draft.Replace("Content-Length", "-" + random.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture));
                return draft.ToBytes();
            case FuzzMutation.HugeContentLength:
                draft.Replace("Content-Length", Pick(random, "65536", "2147483647", "2147483648", "99999999999999999999999999"));
                return draft.ToBytes();
            case FuzzMutation.NonNumericContentLength:
                draft.Replace("Content-Length", Pick(random, "abc", "", " ", "1e3", "0x10", "12 34", "+5", "\u0663"));
                return draft.ToBytes();
            case FuzzMutation.ConflictingContentLength:
                draft.Add("Content-Length", random.Next(0, 10_000).ToString(CultureInfo.InvariantCulture));
                return draft.ToBytes();
            case FuzzMutation.MissingVia:
                draft.Remove("Via");
                return draft.ToBytes();
            case FuzzMutation.MissingCSeq:
                draft.Remove("CSeq");
                return draft.ToBytes();
            case FuzzMutation.MissingCallId:
                draft.Remove("Call-ID");
                return draft.ToBytes();
            case FuzzMutation.MissingFromOrTo:
                draft.Remove(random.Next(2) == 0 ? "From" : "To");
                return draft.ToBytes();
            case FuzzMutation.BadCSeq:
                draft.Replace("CSeq", Pick(random, "abc INVITE", "-1 INVITE", "4294967296 INVITE", "1", "1 BYE", "1  INVITE", " INVITE"));
                return draft.ToBytes();
            case FuzzMutation.BadVia:
                draft.Replace("Via", Pick(random,
                    "SIP/2.0/UDP", "SIP/2.0/UDP 127.0.0.1:99999;branch=z9hG4bKx", "SIP/2.0/UDP 127.0.0.1;branch=nocookie",
                    "SIP/2.0/XYZ 127.0.0.1", "SIP/3.0/UDP 127.0.0.1", "SIP/2.0/UDP [::1;branch=z9hG4bKx", ";;;", ""));
                return draft.ToBytes();
            case FuzzMutation.BadStartLine:
                draft.StartLine = Pick(random,
                    "INVITE sip:bot@127.0.0.1 SIP/3.0", "invite sip:bot@127.0.0.1 SIP/2.0", "INVITE  SIP/2.0", "INVITE",
                    "SIP/2.0 99999 Huge", "SIP/2.0 2 Short", "SIP/2.0 OK", "HTTP/1.1 200 OK", "GET / HTTP/1.1",
                    "INVITE sip:bot@127.0.0.1 SIP/2.0 extra", " INVITE sip:bot@127.0.0.1 SIP/2.0", "");
                return draft.ToBytes();
            case FuzzMutation.BadHeaderLine:
                var at = random.Next(draft.Headers.Count + 1);
                draft.Headers.Insert(at, random.Next(2) == 0
                    ? new("NoColonHere", "value")
                    : new(" folded", "continuation of the previous header"));
                var bytes = draft.ToBytes();
                // The insert writes "Name: value"; drop the colon for the no-colon case.
                return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("NoColonHere: ", "NoColonHere ", StringComparison.Ordinal));
            case FuzzMutation.InvalidUtf8:
                return Splice(draft.ToBytes(), random, Pick<byte[]>(random, [0xC3, 0x28], [0xFF, 0xFE], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]));
            case FuzzMutation.EmbeddedNul:
                var withNul = draft.ToBytes();
                for (var i = random.Next(1, 8); i > 0; i--) withNul = Splice(withNul, random, [0x00]);
                return withNul;
            case FuzzMutation.TwoMessages:
                return [.. draft.ToBytes(), .. draft.ToBytes()];
            case FuzzMutation.KeepAlive:
                return random.Next(3) switch
                {
                    0 => [],
                    1 => "\r\n"u8.ToArray(),
                    _ => "\r\n\r\n"u8.ToArray(),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "No such mutation.");
        }
    }

    private static byte[] FlipBits(byte[] bytes, Random random)
    {
        for (var flips = random.Next(1, 17); flips > 0 && bytes.Length > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }
        return bytes;
    }

    private static byte[] DuplicateCrlf(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lineEnds = LineEnds(text);
        if (lineEnds.Count == 0) return bytes;
        var at = lineEnds[random.Next(lineEnds.Count)];
        return Encoding.UTF8.GetBytes(text.Insert(at, string.Concat(Enumerable.Repeat("\r\n", random.Next(1, 4)))));
    }

    private static byte[] RemoveCrlf(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lineEnds = LineEnds(text);
        if (lineEnds.Count == 0) return bytes;
        return Encoding.UTF8.GetBytes(text.Remove(lineEnds[random.Next(lineEnds.Count)], 2));
    }

    private static List<int> LineEnds(string text)
    {
        var positions = new List<int>();
        for (var at = text.IndexOf("\r\n", StringComparison.Ordinal); at >= 0; at = text.IndexOf("\r\n", at + 2, StringComparison.Ordinal))
        {
            positions.Add(at);
        }
        return positions;
    }

    private static byte[] Splice(byte[] bytes, Random random, byte[] insert)
    {
        var at = random.Next(bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. insert, .. bytes.AsSpan(at)];
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];
}
