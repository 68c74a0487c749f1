using System.Globalization;
using System.Text;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// The implicit subscription a REFER of ours creates (RFC 3515 §2.4.4): the transferee's NOTIFYs carry the
/// progress of its new call as a message/sipfrag status line (§2.4.5). <see cref="Outcome"/> completes with the
/// first final status it reports, or 0 when the subscription ends without one.
/// </summary>
internal sealed class ReferSubscription(long referSequence)
{
    private readonly TaskCompletionSource<int> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The final status of the transferee's call (2xx: transferred), or 0 when none was reported.</summary>
    public Task<int> Outcome => _outcome.Task;

    /// <summary>Takes one NOTIFY of the dialog and returns the status to answer it with.</summary>
    public int OnNotify(SipRequest notify)
    {
        // RFC 3515 §2.4.4: Event is "refer", with id= the REFER's CSeq when given; RFC 6665 §4.1.3 answers 489 for
        // another event package and 481 for a subscription we do not hold.
        var parts = (notify.Headers.GetFirst(HeaderNames.Event) ?? string.Empty).Split(';', StringSplitOptions.TrimEntries);
        if (!parts[0].Equals("refer", StringComparison.OrdinalIgnoreCase)) return 489;
        var id = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0].Equals("id", StringComparison.OrdinalIgnoreCase) && p.Length == 2);
        if (id is not null && id[1] != referSequence.ToString(CultureInfo.InvariantCulture)) return 481;
        var terminated = (notify.Headers.GetFirst(HeaderNames.SubscriptionState) ?? string.Empty)
            .TrimStart().StartsWith("terminated", StringComparison.OrdinalIgnoreCase);
        if (!TryReadStatus(notify.Body.Span, out var status))
        {
            // §2.4.5 makes the body a sipfrag; without one only the end of the subscription means anything.
            if (terminated) _outcome.TrySetResult(0);
            return notify.Body.IsEmpty ? 200 : 400;
        }
        if (status >= 200) _outcome.TrySetResult(status);
        else if (terminated) _outcome.TrySetResult(0);
        return 200;
    }

    /// <summary>The status code of a sipfrag's status line, "SIP/2.0 200 OK" (RFC 3420 §2).</summary>
    private static bool TryReadStatus(ReadOnlySpan<byte> body, out int status)
    {
        status = 0;
        var text = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 64)]).TrimStart();
        if (!text.StartsWith("SIP/2.0 ", StringComparison.OrdinalIgnoreCase) || text.Length < 11) return false;
        return int.TryParse(text.AsSpan(8, 3), NumberStyles.None, CultureInfo.InvariantCulture, out status) && status is >= 100 and <= 699;
    }
}
