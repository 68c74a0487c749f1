using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Testing.Calls;

/// <summary>
/// A minimal SIP caller over UDP on 127.0.0.1 with packet-level PCMU media (<see cref="CallerMedia"/>): INVITE,
/// ACK, BYE either way. Conversation tests and benchmarks use it to time the bot from the caller's socket.
/// </summary>
public sealed class LoopbackCaller : IAsyncDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket _sip = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _bot;
    private readonly string _callId = Guid.NewGuid().ToString("N") + "@127.0.0.1";
    private readonly string _fromTag = Guid.NewGuid().ToString("N")[..10];
    private readonly Channel<SipResponse> _responses = Channel.CreateUnbounded<SipResponse>();
    private readonly TaskCompletionSource _remoteBye = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private string? _toTag;
    private int _cseq = 1;
    private bool _ended;

    private LoopbackCaller(IPEndPoint bot, TimeProvider? time)
    {
        _bot = bot;
        _sip.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Media = new CallerMedia(time);
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>The call's media.</summary>
    public CallerMedia Media { get; }

    /// <summary>Completes when the bot hangs up.</summary>
    public Task RemoteHangup => _remoteBye.Task;

    private int Port => ((IPEndPoint)_sip.LocalEndPoint!).Port;

    /// <summary>Calls the bot at <paramref name="bot"/> and starts media once it answers; throws if it does not.</summary>
    public static async Task<LoopbackCaller> CallAsync(IPEndPoint bot, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var caller = new LoopbackCaller(bot, time);
        try
        {
            await caller.InviteAsync(cancellationToken).ConfigureAwait(false);
            return caller;
        }
        catch
        {
            await caller.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends BYE and waits for its final response (unless the bot already hung up).</summary>
    public async Task HangupAsync(CancellationToken cancellationToken = default)
    {
        if (_ended) return;
        _ended = true;
        Send(Request("BYE", ++_cseq, string.Empty));
        await FinalResponseAsync("BYE", cancellationToken).ConfigureAwait(false);
    }

    private async Task InviteAsync(CancellationToken cancellationToken)
    {
        var sdp = string.Create(CultureInfo.InvariantCulture,
            $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {Media.Port} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\n");
        var invite = Request("INVITE", _cseq, sdp);
        Send(invite);
        var ok = await FinalResponseAsync("INVITE", cancellationToken, retransmit: invite).ConfigureAwait(false);
        if (ok.StatusCode != 200) throw new InvalidOperationException($"the bot answered {ok.StatusCode} {ok.ReasonPhrase}");
        _toTag = ok.To?.Tag;
        Send(Request("ACK", _cseq, string.Empty));
        if (!SessionDescription.TryParse(ok.Body.Span, out var answer, out var error)) throw new InvalidOperationException($"bad SDP answer: {error}");
        var audio = answer.Media.First(m => m.Media == "audio");
        if (!(answer.GetEffectiveConnection(audio)?.TryGetIPAddress(out var address) ?? false)) throw new InvalidOperationException("SDP answer without an address");
        Media.Start(new IPEndPoint(address, audio.Port));
    }

    private async Task<SipResponse> FinalResponseAsync(string method, CancellationToken cancellationToken, string? retransmit = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResponseTimeout);
        var provisional = false;
        Task<SipResponse>? read = null;
        while (true)
        {
            SipResponse response;
            if (retransmit is not null && !provisional)
            {
                // RFC 3261 §17.1.1.2 timer A, coarsely: resend until the first response shows the INVITE arrived. The
                // read outlives a resend: a new one per round left the old ones waiting on the channel, and they took
                // the responses that came later, so a bot slower than 500 ms to answer was never heard at all.
                read ??= _responses.Reader.ReadAsync(timeout.Token).AsTask();
                if (await Task.WhenAny(read, Task.Delay(500, timeout.Token)).ConfigureAwait(false) != read)
                {
                    Send(retransmit);
                    continue;
                }

                response = await read.ConfigureAwait(false);
                read = null;
            }
            else
            {
                response = await _responses.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            }

            if (response.CSeq?.Method != method) continue;
            provisional = true;
            if (response.StatusCode >= 200) return response;
        }
    }

    private string Request(string method, int cseq, string body)
    {
        var uri = $"sip:bot@{_bot.Address}:{_bot.Port}";
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {uri} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:{Port};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <sip:caller@127.0.0.1>;tag={_fromTag}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: <{uri}>{(_toTag is null ? string.Empty : ";tag=" + _toTag)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {_callId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Contact: <sip:caller@127.0.0.1:{Port}>\r\n");
        if (body.Length > 0) text.Append("Content-Type: application/sdp\r\n");
        return text.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n").Append(body).ToString();
    }

    private void Send(string message) => _sip.SendTo(Encoding.UTF8.GetBytes(message), _bot);

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _sip.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            switch (SipMessageParser.ParseDatagram(buffer.AsSpan(0, n)).Message)
            {
                case SipResponse response:
                    _responses.Writer.TryWrite(response);
                    break;
                case SipRequest request when request.Method == "BYE":
                    _ended = true;
                    Reply(request, 200, "OK");
                    _remoteBye.TrySetResult();
                    break;
                case SipRequest request when request.Method != "ACK":
                    Reply(request, 200, "OK");
                    break;
            }
        }
    }

    private void Reply(SipRequest request, int status, string reason) =>
        _sip.SendTo(SipResponse.CreateFor(request, status, reason).ToBytes(), _bot);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiving.ConfigureAwait(false);
        await Media.DisposeAsync().ConfigureAwait(false);
        _sip.Dispose();
        _stop.Dispose();
    }
}
