using PhoneAgent.Host.Metrics;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Host.CallRecords;

/// <summary>
/// One live call's record and folder. The media handler and the pipeline observer report what happens
/// (<see cref="SetAnswered"/>, <see cref="AddTurn"/>, <see cref="AddDtmf"/>, <see cref="StartRecording"/>); each
/// change rewrites call.json at once, so a crash loses at most the turn in progress. Thread-safe.
/// </summary>
public sealed class CallSession
{
    /// <summary>File name of the stereo recording inside the call folder.</summary>
    public const string RecordingFileName = "recording.wav";

    private readonly Lock _lock = new();
    private readonly PhoneAgentMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private CallRecord _record;

    internal CallSession(SipCall call, string? folder, PhoneAgentMetrics metrics, TimeProvider time, ILogger logger)
    {
        Call = call;
        Folder = folder;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _record = new CallRecord
        {
            CallId = call.CallId,
            Direction = call.Direction == CallDirection.Outbound ? "outbound" : "inbound",
            Caller = call.Caller.Uri.ToString(),
            CallerName = call.Caller.DisplayName,
            Callee = call.Callee.Uri.ToString(),
            StartedAt = time.GetUtcNow(),
            Codec = call.Media?.Audio.Codec.EncodingName,
        };
        Save();
    }

    /// <summary>The call.</summary>
    public SipCall Call { get; }

    /// <summary>The call's folder, or null when call records are off.</summary>
    public string? Folder { get; }

    /// <summary>The record as it stands.</summary>
    public CallRecord Record
    {
        get
        {
            lock (_lock) return _record;
        }
    }

    /// <summary>The caller acknowledged our answer; <paramref name="codec"/> is the negotiated voice codec.</summary>
    public void SetAnswered(string codec) => Update(r => r with { AnsweredAt = _time.GetUtcNow(), Codec = codec });

    /// <summary>Adds a finished (or interrupted) turn and feeds its latencies and barge-in to the metrics.</summary>
    public void AddTurn(CallTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        _metrics.RecordTurn(turn.LatencySeconds, turn.Interrupted);
        Update(r => r with { Turns = [.. r.Turns, turn] });
    }

    /// <summary>Adds a key the caller pressed (RFC 4733 or SIP INFO).</summary>
    public void AddDtmf(DtmfDigit digit) =>
        Update(r => r with { Dtmf = [.. r.Dtmf, new CallDtmf(digit.Digit, _time.GetUtcNow(), digit.Duration.TotalMilliseconds)] });

    /// <summary>
    /// Where the media engine should write this call's stereo WAV (inside the call folder), or null when call
    /// records are off; the file name goes into call.json.
    /// </summary>
    public string? StartRecording()
    {
        if (Folder is null) return null;
        Update(r => r with { RecordingFile = RecordingFileName });
        return Path.Combine(Folder, RecordingFileName);
    }

    /// <summary>The call is over: end time, outcome and cause.</summary>
    public void SetEnded(CallEnded ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        Update(r => r with
        {
            EndedAt = _time.GetUtcNow(),
            Outcome = WasAnswered(r, ended.Cause) ? CallOutcome.Answered : CallOutcome.Unanswered,
            HangupCause = ended.Cause.ToString(),
            StatusCode = ended.StatusCode,
        });
    }

    // A BYE from the caller needs a confirmed dialog (before our 2xx the caller can only CANCEL, RFC 3261 §9.1),
    // and a media timeout needs running media, so both prove an answer even if SetAnswered was not reported.
    private static bool WasAnswered(CallRecord record, CallEndCause cause) =>
        record.AnsweredAt is not null || cause is CallEndCause.RemoteHangup or CallEndCause.MediaTimeout;

    private void Update(Func<CallRecord, CallRecord> change)
    {
        lock (_lock)
        {
            _record = change(_record);
            Save();
        }
    }

    // Called under the lock (or from the constructor), so writes happen in the order of the changes.
    private void Save()
    {
        if (Folder is null) return;
        try
        {
            CallRecordWriter.Write(Folder, _record);
        }
        catch (IOException e)
        {
            // A full disk must not end the call; the previous call.json stays intact.
            _logger.LogWarning("Call {CallId}: cannot write {File}: {Message}", _record.CallId, CallRecordWriter.FileName, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            _logger.LogWarning("Call {CallId}: cannot write {File}: {Message}", _record.CallId, CallRecordWriter.FileName, e.Message);
        }
    }
}
