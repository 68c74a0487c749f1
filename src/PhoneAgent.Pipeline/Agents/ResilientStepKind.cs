namespace PhoneAgent.Pipeline.Agents;

/// <summary>Why <see cref="ResilientAgent"/> stopped waiting for the wrapped agent.</summary>
internal enum ResilientStepKind
{
    Output,
    End,
    Failed,
    TimedOut,
    CallerCancelled,
}
