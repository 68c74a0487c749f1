namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>The DTMF event codes of RFC 4733 §3.2: 0–9 are the digits, 10 is *, 11 is #, and 12–15 are A–D.</summary>
public static class DtmfEvents
{
    /// <summary>The highest event code that is a DTMF digit; 16 (flash) and above are other telephony events.</summary>
    public const int MaxDigitEvent = 15;

    private const string Digits = "0123456789*#ABCD";

    /// <summary>Maps an event code to its digit; false for codes that are not DTMF digits.</summary>
    public static bool TryGetDigit(int eventCode, out char digit)
    {
        if ((uint)eventCode > MaxDigitEvent)
        {
            digit = default;
            return false;
        }

        digit = Digits[eventCode];
        return true;
    }

    /// <summary>Maps a digit (0–9, *, #, A–D in either case) to its event code.</summary>
    public static bool TryGetEventCode(char digit, out byte eventCode)
    {
        var index = Digits.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        eventCode = (byte)Math.Max(index, 0);
        return index >= 0;
    }
}
