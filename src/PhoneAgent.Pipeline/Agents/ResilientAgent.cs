using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Agents;

/// <summary>
/// Keeps the call going when an agent fails: an exception, an HTTP error, no first output within
/// <see cref="ResilientAgentOptions.FirstOutputTimeout"/> or a gap longer than <see cref="ResilientAgentOptions.StallTimeout"/>
/// ends the reply with a short apology instead of silence or a dropped call. Text already streamed stays (the caller may
/// have heard it) and the apology follows it. Cancellation by the caller (barge-in) still surfaces as cancellation.
/// </summary>
public sealed class ResilientAgent : IAgent
{
    private readonly IAgent _inner;
    private readonly ResilientAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Wraps <paramref name="inner"/>; timers run on <paramref name="timeProvider"/>.</summary>
    public ResilientAgent(IAgent inner, ResilientAgentOptions options, TimeProvider timeProvider, ILogger<ResilientAgent>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.FirstOutputTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StallTimeout, TimeSpan.Zero);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Apology);
        _inner = inner;
        _options = options;
        _time = timeProvider;
        _logger = logger ?? NullLogger<ResilientAgent>.Instance;
    }

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <inheritdoc />
    public string? Greeting => _inner.Greeting;

    /// <inheritdoc />
    public IReadOnlyList<string> SpeechHints => _inner.SpeechHints;

    /// <inheritdoc />
    public bool IsCompleteTurn(string transcript) => _inner.IsCompleteTurn(transcript);

    /// <inheritdoc />
    public SpeechVocabulary? Vocabulary => _inner.Vocabulary;

    /// <summary>Streams the wrapped agent's reply; on failure or timeout, ends it with the apology instead of throwing.</summary>
    public async IAsyncEnumerable<AgentOutput> RespondAsync(IReadOnlyList<ChatMessage> history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        // One timer for the whole reply, re-armed per output; cancelling it also cancels the wrapped agent's work.
        var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = linked.Token.Register(() => stopped.TrySetResult());
        IAsyncEnumerator<AgentOutput>? inner = null;
        Task<bool>? abandoned = null;
        var lastText = "";
        try
        {
            var first = true;
            while (true)
            {
                // Armed before the move starts (which is when an HTTP agent sends its request), disarmed while the
                // consumer handles the output: a slow consumer (TTS back-pressure) is not a stalled agent.
                deadline.CancelAfter(first ? _options.FirstOutputTimeout : _options.StallTimeout);
                var step = await NextAsync(history, inner, linked.Token, stopped.Task, cancellationToken, deadline).ConfigureAwait(false);
                deadline.CancelAfter(Timeout.InfiniteTimeSpan);
                inner = step.Inner;
                abandoned = step.Step.Pending;
                first = false;
                switch (step.Step.Kind)
                {
                    case ResilientStepKind.Output:
                        if (step.Step.Output is AgentText text) lastText = text.Text;
                        yield return step.Step.Output!;
                        continue;
                    case ResilientStepKind.End:
                        yield break;
                    case ResilientStepKind.CallerCancelled:
                        throw new OperationCanceledException(cancellationToken);
                }

                LogFailure(step.Step);
                // Pieces concatenate into the reply, so keep the apology from running into a half-streamed word.
                var separator = lastText.Length > 0 && !char.IsWhiteSpace(lastText[^1]) ? " " : "";
                yield return new AgentText(separator + _options.Apology);
                yield break;
            }
        }
        finally
        {
            if (abandoned is null)
            {
                await ReleaseAsync(null, inner, registration, linked, deadline).ConfigureAwait(false);
            }
            else
            {
                // The wrapped agent has been cancelled but has not stopped; an agent that ignores cancellation must
                // not hold the call, so it is released in the background. ReleaseAsync observes every exception.
                _ = ReleaseAsync(abandoned, inner, registration, linked, deadline);
            }
        }
    }

    private async Task<(ResilientStep Step, IAsyncEnumerator<AgentOutput>? Inner)> NextAsync(
        IReadOnlyList<ChatMessage> history,
        IAsyncEnumerator<AgentOutput>? inner,
        CancellationToken innerToken,
        Task stopped,
        CancellationToken callerToken,
        CancellationTokenSource deadline)
    {
        Task<bool> move;
        try
        {
            inner ??= _inner.RespondAsync(history, innerToken).GetAsyncEnumerator(innerToken);
            move = inner.MoveNextAsync().AsTask();
        }
        catch (Exception e)
        {
            return (Classify(e, callerToken, deadline), inner);
        }

        if (await Task.WhenAny(move, stopped).ConfigureAwait(false) != move)
        {
            var kind = callerToken.IsCancellationRequested ? ResilientStepKind.CallerCancelled : ResilientStepKind.TimedOut;
            return (new ResilientStep(kind, Pending: move), inner);
        }

        try
        {
            var more = await move.ConfigureAwait(false);
            return (more ? new ResilientStep(ResilientStepKind.Output, inner.Current) : new ResilientStep(ResilientStepKind.End), inner);
        }
        catch (Exception e)
        {
            return (Classify(e, callerToken, deadline), inner);
        }
    }

    private static ResilientStep Classify(Exception e, CancellationToken callerToken, CancellationTokenSource deadline)
    {
        if (callerToken.IsCancellationRequested) return new ResilientStep(ResilientStepKind.CallerCancelled, Error: e);
        return new ResilientStep(deadline.IsCancellationRequested ? ResilientStepKind.TimedOut : ResilientStepKind.Failed, Error: e);
    }

    private void LogFailure(ResilientStep step)
    {
        if (step.Kind == ResilientStepKind.TimedOut)
        {
            _logger.LogWarning("Agent {Agent} timed out (first output {First}, stall {Stall}); apologising", _inner.Name, _options.FirstOutputTimeout, _options.StallTimeout);
        }
        else
        {
            _logger.LogWarning(step.Error, "Agent {Agent} failed; apologising", _inner.Name);
        }
    }

    private async Task ReleaseAsync(Task<bool>? pending, IAsyncEnumerator<AgentOutput>? inner, CancellationTokenRegistration registration, CancellationTokenSource linked, CancellationTokenSource deadline)
    {
        try
        {
            if (pending is not null) await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Abandoned agent {Agent} stopped", _inner.Name);
        }

        try
        {
            if (inner is not null) await inner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Agent {Agent} failed to release its reply", _inner.Name);
        }

        await registration.DisposeAsync().ConfigureAwait(false);
        linked.Dispose();
        deadline.Dispose();
    }
}
