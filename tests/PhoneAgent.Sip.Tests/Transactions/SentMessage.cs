using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>One message handed to the <see cref="RecordingSender"/>, with the virtual instant it was sent.</summary>
internal sealed record SentMessage(SipMessage Message, SipDestination Destination, TimeSpan At);
