namespace PhoneAgent.Host.Health;

/// <summary>
/// One condition of <c>/readyz</c>. Register implementations as <c>IReadinessContributor</c> singletons; the host
/// is ready when every contributor is. The SIP registration code implements one per configured registration
/// (ready once the registrar accepted it).
/// </summary>
public interface IReadinessContributor
{
    /// <summary>Short, stable name shown in the /readyz JSON (e.g. "sip-transport", "registration:pbx").</summary>
    string Name { get; }

    /// <summary>The current state; must be cheap and must not throw (it runs on every probe).</summary>
    ReadinessCheck Check();
}
