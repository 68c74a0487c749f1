namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// What the Content-Length rows of a header block said (RFC 3261 §20.14: Content-Length = 1*DIGIT), gathered
/// while the block is parsed so that framing does not have to look the header up again.
/// </summary>
internal struct ContentLengthField
{
    /// <summary>Values above this are reported as this; no transport accepts messages anywhere near it.</summary>
    public const long Saturated = int.MaxValue;

    private bool _hasValue;

    /// <summary>How many Content-Length rows (full or compact "l" form) were seen.</summary>
    public int Count { get; private set; }

    /// <summary>The announced body length, saturated at <see cref="Saturated"/>.</summary>
    public long Value { get; private set; }

    /// <summary>A row was not 1*DIGIT (ncl's "-999", RFC 4475 §3.1.2.3).</summary>
    public bool IsInvalid { get; private set; }

    /// <summary>Rows disagree, so the body cannot be delimited (mcl01, RFC 4475 §3.3.9).</summary>
    public bool IsConflicting { get; private set; }

    /// <summary>Records one row's value (already stripped of surrounding whitespace).</summary>
    public void Add(ReadOnlySpan<byte> value)
    {
        long parsed = 0;
        var valid = !value.IsEmpty;
        foreach (var b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                valid = false;
                break;
            }
            parsed = Math.Min(parsed * 10 + (b - '0'), Saturated);
        }
        Count++;
        if (!valid)
        {
            IsInvalid = true;
        }
        else if (_hasValue && parsed != Value)
        {
            IsConflicting = true;
        }
        else
        {
            Value = parsed;
            _hasValue = true;
        }
    }
}
