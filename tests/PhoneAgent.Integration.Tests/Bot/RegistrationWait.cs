using PhoneAgent.Sip.Registration;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>Waiting for a <see cref="SipRegistration"/> to reach a state, observed through its Changed event.</summary>
internal static class RegistrationWait
{
    /// <summary>Completes when <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after <paramref name="bound"/>.</summary>
    public static async Task UntilAsync(SipRegistration registration, Func<SipRegistration, bool> condition, TimeSpan bound)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(SipRegistration r)
        {
            if (condition(r)) reached.TrySetResult();
        }

        registration.Changed += OnChanged;
        try
        {
            if (condition(registration)) return;
            await reached.Task.WaitAsync(bound);
        }
        finally
        {
            registration.Changed -= OnChanged;
        }
    }

    /// <summary>
    /// Completes when <paramref name="condition"/> holds and the next attempt is scheduled: an attempt's state is
    /// published before its timer is set, and advancing a virtual clock before that would pass the timer by.
    /// </summary>
    public static Task UntilScheduledAsync(SipRegistration registration, Func<SipRegistration, bool> condition, TimeSpan bound) =>
        UntilAsync(registration, r => condition(r) && r.NextAttemptAt is not null, bound);
}
