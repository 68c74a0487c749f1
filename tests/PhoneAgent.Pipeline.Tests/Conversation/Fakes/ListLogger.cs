using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>Keeps the pipeline's log lines so a failing test can show them.</summary>
public sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");

    public override string ToString() => string.Join(Environment.NewLine, _lines);
}
