namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// The Date header value (RFC 3261 §20.17): SIP-date = rfc1123-date restricted to GMT, i.e.
/// wkday "," SP 2DIGIT SP month SP 4DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT SP "GMT" (§25.1).
/// </summary>
public static class SipDate
{
    private static readonly string[] WeekDays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// Parses a SIP-date. Any other zone fails: baddate's "EST" (RFC 4475 §3.1.2.12) is invalid because §20.17
    /// requires GMT. The weekday must be a valid name but is not checked against the date, as the ABNF does not.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset date)
    {
        date = default;
        // "Sat, 15 Oct 2005 04:44:56 GMT" has exactly this shape: 29 characters at fixed offsets.
        var s = text.AsSpan().Trim(" \t");
        if (s.Length != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
            s[19] != ':' || s[22] != ':' || s[25] != ' ' || !s[26..].SequenceEqual("GMT"))
        {
            return false;
        }
        if (Array.IndexOf(WeekDays, s[..3].ToString()) < 0) return false;
        var month = Array.IndexOf(Months, s[8..11].ToString()) + 1;
        if (month == 0 || !Digits(s[5..7], out var day) || !Digits(s[12..16], out var year) ||
            !Digits(s[17..19], out var hour) || !Digits(s[20..22], out var minute) ||
            !Digits(s[23..25], out var second))
        {
            return false;
        }
        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        date = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        var ok = SipGrammar.TryParseDigits(s, 9999, out var v);
        value = (int)v;
        return ok;
    }
}
