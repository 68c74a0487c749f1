namespace PhoneAgent.Integration.Tests.Fuzz;

/// <summary>One generated datagram.</summary>
/// <param name="Index">Its position in the generated sequence.</param>
/// <param name="Mutation">How it was made.</param>
/// <param name="Template">The message it was made from (e.g. "INVITE", "200"), or "none" for random bytes.</param>
/// <param name="Payload">The bytes to send; never more than <see cref="DatagramFuzzer.MaxDatagramSize"/>.</param>
public sealed record FuzzDatagram(int Index, FuzzMutation Mutation, string Template, byte[] Payload);
