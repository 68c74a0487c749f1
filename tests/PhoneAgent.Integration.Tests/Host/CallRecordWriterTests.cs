using PhoneAgent.Host.CallRecords;
using PhoneAgent.Host.Metrics;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>call.json is replaced whole, never left half-written.</summary>
public sealed class CallRecordWriterTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("phoneagent-record-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public void A_rewrite_replaces_the_file_and_leaves_no_temporary_file()
    {
        var record = new CallRecord { CallId = "a@b", Caller = "sip:alice@127.0.0.1", Callee = "sip:bot@127.0.0.1", StartedAt = DateTimeOffset.UnixEpoch };
        CallRecordWriter.Write(_work.FullName, record);
        var turn = new CallTurn(DateTimeOffset.UnixEpoch.AddSeconds(3), "what time is it", "It is three. Anything else?", "It is three.", true,
            new Dictionary<string, double> { [TurnLatencyStage.Total] = 0.8 });
        CallRecordWriter.Write(_work.FullName, record with { Turns = [turn], Dtmf = [new CallDtmf('5', DateTimeOffset.UnixEpoch, 120)] });

        Assert.Equal([CallRecordWriter.FileName], _work.GetFiles().Select(f => f.Name));
        var read = CallRecordWriter.Read(Path.Combine(_work.FullName, CallRecordWriter.FileName));
        var readTurn = Assert.Single(read.Turns);
        Assert.Equal("It is three.", readTurn.BotTextHeard);
        Assert.True(readTurn.Interrupted);
        Assert.Equal(0.8, readTurn.LatencySeconds[TurnLatencyStage.Total]);
        Assert.Equal('5', Assert.Single(read.Dtmf).Digit);
        Assert.Equal(CallOutcome.InProgress, read.Outcome);
    }
}
