using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Integration.Tests.Conversation;

/// <summary>
/// A logger factory that keeps every entry, its structured values included, so a failing test can say what the bot
/// saw (call events, the media session's end-of-call statistics) instead of only that it went wrong.
/// </summary>
internal sealed class LogCapture(TimeProvider time) : ILoggerFactory
{
    private readonly ConcurrentQueue<LogCaptureEntry> _entries = new();
    private readonly long _start = time.GetTimestamp();

    /// <summary>Time since the capture was created; every entry is stamped on this scale.</summary>
    public TimeSpan Now => time.GetElapsedTime(_start);

    /// <summary>Everything logged so far, oldest first.</summary>
    public IReadOnlyCollection<LogCaptureEntry> Entries => _entries;

    /// <summary>The structured values named <paramref name="key"/> of type <typeparamref name="T"/>, oldest first.</summary>
    public IEnumerable<T> Values<T>(string key) =>
        _entries.SelectMany(e => e.Values).Where(v => v.Key == key).Select(v => v.Value).OfType<T>();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("LogCapture keeps the entries itself.");

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            capture._entries.Enqueue(new LogCaptureEntry(capture.Now, logLevel, category, formatter(state, exception), exception, values));
        }
    }
}

/// <summary>One captured log entry.</summary>
/// <param name="At">When it was logged, since the capture was created.</param>
/// <param name="Level">Its level.</param>
/// <param name="Category">Its logger's category.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
/// <param name="Values">Its structured values.</param>
internal sealed record LogCaptureEntry(TimeSpan At, LogLevel Level, string Category, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> Values);
