namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// One header row as it appears on the wire: a canonical name and the value with folding already
/// replaced by a single space (RFC 3261 §7.3.1). A row may hold several comma-separated values.
/// </summary>
public readonly record struct SipHeader(string Name, string Value);
