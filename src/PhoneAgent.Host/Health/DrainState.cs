namespace PhoneAgent.Host.Health;

/// <summary>Set once shutdown starts: new calls are refused and /readyz reports not ready so load balancers stop sending calls.</summary>
public sealed class DrainState
{
    private volatile bool _draining;

    /// <summary>True after <see cref="Begin"/>.</summary>
    public bool IsDraining => _draining;

    /// <summary>Marks the host as draining.</summary>
    public void Begin() => _draining = true;
}
