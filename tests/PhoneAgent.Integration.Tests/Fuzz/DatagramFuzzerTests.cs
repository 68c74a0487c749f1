using System.Net;

namespace PhoneAgent.Integration.Tests.Fuzz;

public sealed class DatagramFuzzerTests
{
    private static readonly IPEndPoint Target = new(IPAddress.Loopback, 5060);

    [Fact]
    public void SameSeedGivesSameDatagrams()
    {
        var first = new DatagramFuzzer(1234, Target).Generate(2_000).ToList();
        var second = new DatagramFuzzer(1234, Target).Generate(2_000).ToList();

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Mutation, second[i].Mutation);
            Assert.Equal(first[i].Payload, second[i].Payload);
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentDatagrams()
    {
        var first = new DatagramFuzzer(1, Target).Generate(50).Select(d => Convert.ToHexString(d.Payload));
        var second = new DatagramFuzzer(2, Target).Generate(50).Select(d => Convert.ToHexString(d.Payload));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void DefaultRunCoversEveryMutationWithinTheUdpLimit()
    {
        var datagrams = new DatagramFuzzer(7, Target).Generate().ToList();

        Assert.Equal(DatagramFuzzer.DefaultCount, datagrams.Count);
        Assert.Equal(Enum.GetValues<FuzzMutation>().Length, datagrams.Select(d => d.Mutation).Distinct().Count());
        Assert.All(datagrams, d => Assert.InRange(d.Payload.Length, 0, DatagramFuzzer.MaxDatagramSize));
    }
}
