namespace PhoneAgent.Pipeline.Agents;

/// <summary>
/// The outcome of waiting for one output of the wrapped agent. <see cref="Pending"/> is the wrapped agent's unfinished
/// move when <see cref="ResilientAgent"/> stopped waiting for it.
/// </summary>
internal readonly record struct ResilientStep(ResilientStepKind Kind, AgentOutput? Output = null, Exception? Error = null, Task<bool>? Pending = null);
