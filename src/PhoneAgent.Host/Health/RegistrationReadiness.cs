using System.Globalization;

namespace PhoneAgent.Host.Health;

/// <summary>
/// Ready while one configured registration (Sip:Registrations:N) holds its binding at the registrar: until then
/// the PBX cannot route calls to the bot, so a load balancer should not count it in. The detail says why not.
/// </summary>
/// <param name="sip">The SIP service whose user agent owns the registration.</param>
/// <param name="index">The registration's position in Sip:Registrations.</param>
/// <param name="aor">Its address of record, for the check's name.</param>
public sealed class RegistrationReadiness(SipService sip, int index, string aor) : IReadinessContributor
{
    /// <inheritdoc />
    public string Name => $"registration:{aor}";

    /// <inheritdoc />
    public ReadinessCheck Check()
    {
        if (sip.Agent is not { } agent || index >= agent.Registrations.Count) return new ReadinessCheck(false, "SIP user agent not started");
        var registration = agent.Registrations[index];
        var registrar = registration.Options.Registrar;
        if (registration.IsRegistered)
        {
            return new ReadinessCheck(true, $"registered at {registrar} until {registration.ExpiresAt!.Value.ToString("O", CultureInfo.InvariantCulture)}");
        }
        var next = registration.NextAttemptAt is { } at ? $"; next attempt {at.ToString("O", CultureInfo.InvariantCulture)}" : string.Empty;
        return registration.LastError is { } error
            ? new ReadinessCheck(false, $"not registered at {registrar}: {error}{next}")
            : new ReadinessCheck(false, $"registering at {registrar}{next}");
    }
}
