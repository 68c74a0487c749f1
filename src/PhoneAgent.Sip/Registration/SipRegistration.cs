using System.Globalization;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transactions;

namespace PhoneAgent.Sip.Registration;

/// <summary>
/// Keeps one binding registered (RFC 3261 §10.2): REGISTER with credentials on challenge, refresh before the
/// granted expiry, Min-Expires on 423, exponential backoff after failures, and Expires: 0 on stop. All waiting
/// is on the injected <see cref="TimeProvider"/>. Its state is readable at any time for health checks.
/// </summary>
public sealed class SipRegistration
{
    // Refresh this long before expiry once the granted time is long enough for the margin to matter.
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UnregisterTimeout = TimeSpan.FromSeconds(4);

    private readonly RequestClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DigestSession? _auth;
    private readonly string _callId = SipIds.NewCallId();
    private readonly string _fromTag = SipIds.NewTag();
    private readonly CancellationTokenSource _stop = new();
    private TimeSpan _requested;
    private long _cseq;
    private SipUri? _contact;
    private Task _loop = Task.CompletedTask;
    private volatile bool _registered;
    private int _stopped;

    internal SipRegistration(SipRegistrationOptions options, RequestClient client, TimeProvider time, ILogger logger)
    {
        Options = options;
        _client = client;
        _time = time;
        _logger = logger;
        _requested = options.Expires;
        if (options.Password is not null)
        {
            var user = options.AuthUser ?? options.Aor.User ?? string.Empty;
            _auth = new DigestSession(new DigestClient(new DigestCredentials(user, options.Password)));
        }
    }

    /// <summary>The settings of this registration.</summary>
    public SipRegistrationOptions Options { get; }

    /// <summary>True while the registrar holds our binding (the last REGISTER got a 2xx and has not expired).</summary>
    public bool IsRegistered => _registered && _time.GetUtcNow() < ExpiresAt;

    /// <summary>When the current binding lapses; null before the first success.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>Why the last attempt failed, or null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>Successful REGISTERs so far (the first one and each refresh).</summary>
    public int SuccessCount { get; private set; }

    /// <summary>When the next REGISTER (refresh or retry) is due; null while one is in progress or after stop.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Failed attempts in a row since the last success.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>Raised after every attempt, on the registration's own task.</summary>
    public event Action<SipRegistration>? Changed;

    internal void Start() => _loop = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await AttemptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SipTransactionException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                wait = Fail(e.Message);
            }
            // The timer exists before NextAttemptAt says when it fires, so whoever sees the time (a test advancing
            // a virtual clock) cannot get there before the timer does.
            var next = Task.Delay(wait, _time, _stop.Token);
            NextAttemptAt = _time.GetUtcNow() + wait;
            RaiseChanged();
            try
            {
                await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            NextAttemptAt = null;
        }
    }

    /// <summary>One REGISTER (with its challenge rounds); returns how long to wait before the next.</summary>
    private async Task<TimeSpan> AttemptAsync(CancellationToken cancellationToken)
    {
        var outcome = await SendAsync(_requested, cancellationToken).ConfigureAwait(false);
        var response = outcome.Response;
        if (response.IsSuccess) return Succeed(response);
        if (response.StatusCode == 423 && MinExpires(response) is { } min && min > _requested)
        {
            // RFC 3261 §10.2.8: retry at once with at least the registrar's Min-Expires.
            _logger.LogInformation("Registration {Name}: registrar wants Expires >= {Seconds} s", Options.Name, min.TotalSeconds);
            _requested = min;
            return TimeSpan.Zero;
        }
        var reason = $"{response.StatusCode} {response.ReasonPhrase} from {Options.Registrar}";
        if (outcome.AuthProblem is { } problem) reason += $" ({problem}{(_auth is null ? "; no Password configured" : $" for user '{_auth.User}'")})";
        _auth?.Clear();
        return Fail(reason);
    }

    private TimeSpan Succeed(SipResponse response)
    {
        var granted = GrantedExpiry(response);
        ExpiresAt = _time.GetUtcNow() + granted;
        _registered = true;
        LastError = null;
        ConsecutiveFailures = 0;
        SuccessCount++;
        _logger.LogInformation("Registration {Name}: registered for {Seconds} s", Options.Name, granted.TotalSeconds);
        return granted <= 2 * RefreshMargin ? granted / 2 : granted - RefreshMargin;
    }

    private TimeSpan Fail(string reason)
    {
        LastError = reason;
        ConsecutiveFailures++;
        if (ExpiresAt is { } expiry && _time.GetUtcNow() >= expiry) _registered = false;
        var wait = Options.RetryInitial * Math.Pow(2, Math.Min(ConsecutiveFailures - 1, 16));
        if (wait > Options.RetryMax) wait = Options.RetryMax;
        _logger.LogError("Registration {Name} at {Registrar} failed: {Reason}; retrying in {Seconds} s", Options.Name, Options.Registrar, reason, wait.TotalSeconds);
        return wait;
    }

    /// <summary>
    /// RFC 3261 §10.2.4: the registrar's answer lists every binding; ours carries the granted expiry in its
    /// expires parameter, else the Expires header applies, else what we asked for.
    /// </summary>
    private TimeSpan GrantedExpiry(SipResponse response)
    {
        var ours = response.Contacts.FirstOrDefault(c => _contact is not null && SameBinding(c.Uri, _contact));
        if (ours?.Parameters.Get("expires") is { } p && TryParseSeconds(p, out var fromContact)) return fromContact;
        if (response.Headers.GetFirst(HeaderNames.Expires) is { } h && TryParseSeconds(h, out var fromHeader)) return fromHeader;
        return _requested;
    }

    private static bool SameBinding(SipUri a, SipUri b) =>
        string.Equals(a.User, b.User, StringComparison.Ordinal) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && (a.Port ?? 5060) == (b.Port ?? 5060);

    private static TimeSpan? MinExpires(SipResponse response) =>
        response.Headers.GetFirst(HeaderNames.MinExpires) is { } raw && TryParseSeconds(raw, out var value) ? value : null;

    private static bool TryParseSeconds(string raw, out TimeSpan value)
    {
        var ok = uint.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds);
        value = TimeSpan.FromSeconds(seconds);
        return ok;
    }

    private async Task<RequestClient.Outcome> SendAsync(TimeSpan expires, CancellationToken cancellationToken)
    {
        var nextHop = Options.OutboundProxy ?? Options.Registrar;
        _contact ??= Options.Contact ?? await _client.ContactForAsync(nextHop, cancellationToken).ConfigureAwait(false);
        return await _client.SendAsync(() => Build(expires), nextHop, _auth, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RFC 3261 §10.2: one Call-ID for all REGISTERs of this binding, CSeq increasing.</summary>
    private SipRequest Build(TimeSpan expires)
    {
        var request = new SipRequest(SipMethods.Register, Options.Registrar);
        if (Options.OutboundProxy is { } proxy)
        {
            // RFC 3261 §8.1.2: a pre-existing route set of the outbound proxy, loose-routed (;lr).
            var route = proxy.With();
            route.Parameters.Set("lr", null);
            request.Headers.Add(HeaderNames.Route, $"<{route}>");
        }
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, $"<{Options.Aor}>;tag={_fromTag}");
        request.Headers.Add(HeaderNames.To, $"<{Options.Aor}>");
        request.Headers.Add(HeaderNames.CallId, _callId);
        request.Headers.Add(HeaderNames.CSeq, new CSeqHeader(Interlocked.Increment(ref _cseq), SipMethods.Register).ToString());
        request.Headers.Add(HeaderNames.Contact, $"<{_contact}>");
        request.Headers.Add(HeaderNames.Expires, ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        return request;
    }

    private void RaiseChanged()
    {
        try
        {
            Changed?.Invoke(this);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Registration {Name}: a Changed handler failed", Options.Name);
        }
    }

    /// <summary>Stops refreshing and, if registered, removes the binding (Expires: 0, RFC 3261 §10.2.2).</summary>
    internal async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        NextAttemptAt = null;
        if (!_registered) return;
        _registered = false;
        using var timeout = new CancellationTokenSource(UnregisterTimeout, _time);
        try
        {
            var outcome = await SendAsync(TimeSpan.Zero, timeout.Token).ConfigureAwait(false);
            _logger.LogInformation("Registration {Name}: unregistered ({Status})", Options.Name, outcome.Response.StatusCode);
        }
        catch (Exception e) when (e is OperationCanceledException or SipTransactionException or System.Net.Sockets.SocketException)
        {
            _logger.LogWarning("Registration {Name}: unregister failed: {Message}", Options.Name, e.Message);
        }
        RaiseChanged();
    }
}
