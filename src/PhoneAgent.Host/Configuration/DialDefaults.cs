using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Host.Configuration;

/// <summary>The validated "Dial" section.</summary>
/// <param name="Credentials">Digest credentials, or null to dial without.</param>
/// <param name="From">Our From, or null for the default.</param>
/// <param name="AnswerTimeout">How long to let it ring.</param>
public sealed record DialDefaults(DigestCredentials? Credentials, NameAddress? From, TimeSpan AnswerTimeout);
