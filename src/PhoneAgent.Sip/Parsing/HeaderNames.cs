using System.Diagnostics.CodeAnalysis;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// Canonical header names and the RFC 3261 §7.3.3 compact forms (plus the compact forms registered later,
/// e.g. RFC 3515 Refer-To "r", RFC 4028 Session-Expires "x").
/// </summary>
public static class HeaderNames
{
    public const string Accept = "Accept";
    public const string Allow = "Allow";
    public const string Authorization = "Authorization";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string Event = "Event";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string MaxForwards = "Max-Forwards";
    public const string MinExpires = "Min-Expires";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ProxyRequire = "Proxy-Require";
    public const string RecordRoute = "Record-Route";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string Require = "Require";
    public const string RetryAfter = "Retry-After";
    public const string Route = "Route";
    public const string Server = "Server";
    public const string SessionExpires = "Session-Expires";
    public const string Subject = "Subject";
    public const string SubscriptionState = "Subscription-State";
    public const string Supported = "Supported";
    public const string Timestamp = "Timestamp";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";
    public const string Warning = "Warning";
    public const string WwwAuthenticate = "WWW-Authenticate";

    private static readonly Dictionary<string, string> Canonical = BuildCanonical();

    // Lets the parser look names up from a stack buffer, so well-known names never allocate.
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CanonicalBySpan =
        Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, string> BuildCanonical()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            // RFC 3261 §7.3.3 and the IANA SIP header registry's compact forms.
            ["i"] = CallId, ["m"] = Contact, ["e"] = ContentEncoding, ["l"] = ContentLength,
            ["c"] = ContentType, ["f"] = From, ["s"] = Subject, ["k"] = Supported, ["t"] = To,
            ["v"] = Via, ["o"] = Event, ["r"] = ReferTo, ["b"] = ReferredBy, ["x"] = SessionExpires,
        };
        foreach (var name in new[]
        {
            Accept, Allow, Authorization, CallId, Contact, ContentEncoding, ContentLength, ContentType, CSeq, Date, Event,
            Expires, From, MaxForwards, MinExpires, ProxyAuthenticate, ProxyAuthorization, ProxyRequire, RecordRoute,
            ReferTo, ReferredBy, Require, RetryAfter, Route, Server, SessionExpires, Subject, SubscriptionState,
            Supported, Timestamp, To, Unsupported, UserAgent, Via, Warning, WwwAuthenticate,
        })
        {
            map[name] = name;
        }
        return map;
    }

    /// <summary>
    /// The canonical spelling of a header name: compact forms expanded, known names in their RFC spelling,
    /// unknown names as received (header names are case-insensitive, RFC 3261 §7.3.1).
    /// </summary>
    public static string Canonicalize(string name) => Canonical.TryGetValue(name, out var c) ? c : name;

    /// <summary>The canonical spelling of a well-known or compact name; false for names this class does not know.</summary>
    internal static bool TryGetCanonical(ReadOnlySpan<char> name, [NotNullWhen(true)] out string? canonical) =>
        CanonicalBySpan.TryGetValue(name, out canonical);
}
