namespace PhoneAgent.Sip.Media.Session;

/// <summary>Runs one tick of a <see cref="MediaSchedule"/>.</summary>
/// <param name="index">The tick's index: 0 for the tick at registration, then one per period, overdue ones included.</param>
/// <param name="stale">
/// The clock woke so late that this tick fell due more than <see cref="MediaSchedule.MaxCatchUpTicks"/> periods
/// before the current one. Output whose value is its timing (RTP sending) should skip it, so that a stall costs a
/// gap rather than added latency; work that must not lose data (draining the jitter buffer) should still run.
/// </param>
public delegate void MediaTickHandler(long index, bool stale);
