using System.Collections.Concurrent;
using PhoneAgent.Host.Configuration;
using PhoneAgent.Host.Metrics;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host.CallRecords;

/// <summary>
/// The live calls and their <see cref="CallSession"/>s: /calls lists them, and the media handler and pipeline
/// find a call's session (its folder and recording path) with <see cref="Find"/>.
/// </summary>
public sealed class CallRegistry(HostSettings settings, PhoneAgentMetrics metrics, TimeProvider time, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<SipCall, CallSession> _live = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<CallRegistry>();

    /// <summary>Calls in progress.</summary>
    public IReadOnlyCollection<CallSession> Live => [.. _live.Values];

    /// <summary>The session of a live call, or null when it is unknown or over.</summary>
    public CallSession? Find(SipCall call) => _live.GetValueOrDefault(call);

    /// <summary>Creates the call's folder (when records are on) and its session.</summary>
    public CallSession Open(SipCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var session = new CallSession(call, CreateFolder(call), metrics, time, _logger);
        _live[call] = session;
        return session;
    }

    /// <summary>Forgets a call that ended.</summary>
    public void Close(SipCall call) => _live.TryRemove(call, out _);

    private string? CreateFolder(SipCall call)
    {
        if (settings.CallRecordsFolder is not { } root) return null;

        // A Call-ID may hold any token character and '@' (RFC 3261 §25.1); keep folder names portable.
        var id = string.Concat(call.CallId.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{id}";
        var folder = Path.Combine(root, name);
        for (var n = 2; Directory.Exists(folder); n++) folder = Path.Combine(root, $"{name}-{n}");
        try
        {
            Directory.CreateDirectory(folder);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Call {CallId}: no call record, cannot create {Folder}: {Message}", call.CallId, folder, e.Message);
            return null;
        }
    }
}
