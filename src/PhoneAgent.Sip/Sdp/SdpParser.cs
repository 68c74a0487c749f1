using System.Diagnostics.CodeAnalysis;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Turns an SDP body into a <see cref="SessionDescription"/>. Structural fields (<c>v=</c>, <c>o=</c>, <c>c=</c>,
/// <c>b=</c>, <c>t=</c>, <c>m=</c>) must be well formed, because offer/answer cannot work around a broken one.
/// Everything else is tolerated: session-level fields in any order, unknown type letters kept as
/// <see cref="SdpField"/>s, and attribute values interpreted only when read.
/// </summary>
internal static class SdpParser
{
    public static bool TryParse(
        ReadOnlySpan<byte> utf8,
        [NotNullWhen(true)] out SessionDescription? description,
        out SdpParseError error)
    {
        description = null;
        if (utf8.Length > SdpParseError.MaximumBodySize)
        {
            error = new SdpParseError(SdpParseErrorReason.TooLarge, 0, $"body is {utf8.Length} bytes; the limit is {SdpParseError.MaximumBodySize}");
            return false;
        }

        var reader = new SdpLineReader(utf8);
        if (!reader.MoveNext())
        {
            error = new SdpParseError(SdpParseErrorReason.Empty, 0, "body has no SDP lines");
            return false;
        }

        if (!TrySplit(reader.Current, out var type, out var value) || type != 'v')
        {
            error = new SdpParseError(SdpParseErrorReason.MissingVersion, reader.LineNumber, "first line must be v=0 (RFC 4566 §5)");
            return false;
        }

        if (!value.SequenceEqual("0"u8))
        {
            error = new SdpParseError(SdpParseErrorReason.UnsupportedVersion, reader.LineNumber, $"v= is {SdpTokens.Quote(value)}; only 0 exists");
            return false;
        }

        var session = new SdpSessionBuilder();
        SdpMediaBuilder? media = null;
        while (reader.MoveNext())
        {
            if (!TrySplit(reader.Current, out type, out value))
            {
                error = new SdpParseError(SdpParseErrorReason.MalformedLine, reader.LineNumber, $"line {SdpTokens.Quote(reader.Current)} is not <letter>=<value>");
                return false;
            }

            var ok = type == 'm'
                ? TryStartMedia(value, session, ref media, out error)
                : media is null
                    ? TryApplySessionField(type, value, session, out error)
                    : TryApplyMediaField(type, value, media, out error);
            if (!ok)
            {
                error = error with { LineNumber = reader.LineNumber };
                return false;
            }
        }

        if (session.Origin is null)
        {
            error = new SdpParseError(SdpParseErrorReason.MissingOrigin, 0, "there is no o= line (RFC 4566 §5.2)");
            return false;
        }

        if (media is not null)
        {
            session.Media.Add(media.Build());
        }

        description = session.Build(session.Origin);
        error = default;
        return true;
    }

    private static bool TrySplit(ReadOnlySpan<byte> line, out char type, out ReadOnlySpan<byte> value)
    {
        // RFC 4566 §5: "<type>=<value>" where <type> is exactly one case-significant letter and there is
        // no whitespace on either side of the "=".
        if (line.Length >= 2 && line[1] == (byte)'=' && char.IsAsciiLetter((char)line[0]))
        {
            type = (char)line[0];
            value = line[2..];
            return true;
        }

        type = '\0';
        value = default;
        return false;
    }

    private static bool TryStartMedia(ReadOnlySpan<byte> value, SdpSessionBuilder session, ref SdpMediaBuilder? media, out SdpParseError error)
    {
        if (!SdpFieldParser.TryParseMedia(value, out var next, out error))
        {
            return false;
        }

        if (media is not null)
        {
            session.Media.Add(media.Build());
        }

        media = next;
        return true;
    }

    private static bool TryApplySessionField(char type, ReadOnlySpan<byte> value, SdpSessionBuilder session, out SdpParseError error)
    {
        error = default;
        switch (type)
        {
            case 'v':
                error = Duplicate("v=");
                return false;
            case 'o':
                if (session.Origin is not null)
                {
                    error = Duplicate("o=");
                    return false;
                }

                if (!SdpFieldParser.TryParseOrigin(value, out var origin, out error))
                {
                    return false;
                }

                session.Origin = origin;
                return true;
            case 's':
                if (session.SessionName is not null)
                {
                    error = Duplicate("s=");
                    return false;
                }

                session.SessionName = SdpTokens.Decode(value);
                return true;
            case 'c':
                if (session.Connection is not null)
                {
                    error = Duplicate("session-level c=");
                    return false;
                }

                if (!SdpFieldParser.TryParseConnection(value, out var connection, out error))
                {
                    return false;
                }

                session.Connection = connection;
                return true;
            case 'b':
                return TryAdd(SdpFieldParser.TryParseBandwidth(value, out var bandwidth, out error), bandwidth, session.Bandwidths);
            case 't':
                return TryAdd(SdpFieldParser.TryParseTiming(value, out var timing, out error), timing, session.Timings);
            case 'a':
                return TryAdd(SdpFieldParser.TryParseAttribute(value, out var attribute, out error), attribute, session.Attributes);
            default:
                // RFC 4566 §5 tells parsers to drop a whole description over an unknown type letter; refusing a call
                // over a line we would never use helps nobody, so the line is kept and otherwise ignored.
                session.OtherFields.Add(new SdpField(type, SdpTokens.Decode(value)));
                return true;
        }
    }

    private static bool TryApplyMediaField(char type, ReadOnlySpan<byte> value, SdpMediaBuilder media, out SdpParseError error)
    {
        error = default;
        switch (type)
        {
            case 'v':
            case 'o':
                // A second v= or o= means a second session description was glued on, which SIP never carries.
                error = Duplicate(type + "=");
                return false;
            case 'c':
                // RFC 4566 §5.7 allows several media-level c= lines only for layered multicast, which a telephony
                // endpoint never receives; treating it as an error beats silently picking one.
                if (media.Connection is not null)
                {
                    error = Duplicate("media-level c=");
                    return false;
                }

                if (!SdpFieldParser.TryParseConnection(value, out var connection, out error))
                {
                    return false;
                }

                media.Connection = connection;
                return true;
            case 'b':
                return TryAdd(SdpFieldParser.TryParseBandwidth(value, out var bandwidth, out error), bandwidth, media.Bandwidths);
            case 'a':
                return TryAdd(SdpFieldParser.TryParseAttribute(value, out var attribute, out error), attribute, media.Attributes);
            default:
                media.OtherFields.Add(new SdpField(type, SdpTokens.Decode(value)));
                return true;
        }
    }

    private static bool TryAdd<T>(bool parsed, T? item, List<T> list)
        where T : class
    {
        if (parsed && item is not null)
        {
            list.Add(item);
        }

        return parsed;
    }

    private static SdpParseError Duplicate(string field) =>
        new(SdpParseErrorReason.DuplicateField, 0, $"{field} appears more than once");
}
