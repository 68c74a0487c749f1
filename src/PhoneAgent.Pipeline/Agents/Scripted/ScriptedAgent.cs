using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>
/// The built-in agent: answers from an <see cref="AgentScript"/> by matching the caller's transcript to intents.
/// It keeps no per-call state (the fallback count is read back from the history), so one instance serves every call.
/// </summary>
public sealed partial class ScriptedAgent : IAgent
{
    private readonly AgentScript _script;

    /// <summary>Creates the agent from a validated script.</summary>
    public ScriptedAgent(AgentScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        _script = script;
        var intents = script.Goodbye is null ? script.Intents : [.. script.Intents, script.Goodbye];
        SpeechHints = intents.SelectMany(i => i.Keywords).Select(k => k.TrimEnd('*')).Distinct(StringComparer.Ordinal).ToArray();
        var fallback = script.Fallback;
        Vocabulary = new SpeechVocabulary(
            intents.SelectMany(i => i.Keywords).Distinct(StringComparer.Ordinal).ToArray(),
            [script.Greeting, .. intents.Select(i => i.Reply), fallback.Reply, fallback.FinalReply]);
    }

    /// <summary>Loads the agent from a YAML or JSON script file.</summary>
    /// <exception cref="AgentScriptException">The file is missing, unreadable or malformed.</exception>
    public static ScriptedAgent Load(string path) => new(AgentScript.Load(path));

    /// <inheritdoc />
    public string Name => "scripted";

    /// <inheritdoc />
    public string? Greeting => _script.Greeting;

    /// <summary>Every intent keyword (the goodbye's included), without the '*' of word-ending keywords.</summary>
    public IReadOnlyList<string> SpeechHints { get; }

    /// <summary>
    /// True when the words so far match an intent or the goodbye, with the same matcher that chooses the reply: the
    /// caller has asked something this script answers, so waiting out the full silence only delays the answer.
    /// </summary>
    public bool IsCompleteTurn(string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return Match(transcript) is not null;
    }

    /// <summary>
    /// The intent keywords ('*' kept) and, as phrases, everything the bot says: callers answer in the words they were
    /// prompted with. Regular expressions are left out; their words must also be keywords or common words to be heard.
    /// </summary>
    public SpeechVocabulary Vocabulary { get; }

    SpeechVocabulary? IAgent.Vocabulary => Vocabulary;

    /// <summary>
    /// Streams the chosen reply word by word, then the intent's action. Cancellation is checked before each piece, so a
    /// barge-in stops the reply at the next word.
    /// </summary>
    public async IAsyncEnumerable<AgentOutput> RespondAsync(IReadOnlyList<ChatMessage> history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (reply, action) = Choose(history);
        foreach (Match piece in WordPiece().Matches(reply))
        {
            // Yield the thread between pieces as a token stream would, so consumers downstream start on the first word.
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new AgentText(piece.Value);
        }

        cancellationToken.ThrowIfCancellationRequested();
        switch (action)
        {
            case ScriptAction.EndCall:
                yield return new AgentEndCall();
                break;
            case ScriptAction.Transfer:
                yield return new AgentTransfer(_script.TransferTarget!);
                break;
        }
    }

    private (string Reply, ScriptAction Action) Choose(IReadOnlyList<ChatMessage> history)
    {
        var callerTurns = history.Where(m => m.Role == ChatRole.User).Select(m => m.Content).ToList();
        var best = callerTurns.Count == 0 ? null : Match(callerTurns[^1]);
        if (best is not null) return (best.Reply, best.Action);

        // Unmatched turns in a row, this one included: after the limit, stop asking the caller to repeat.
        var misses = 0;
        for (var i = callerTurns.Count - 1; i >= 0 && Match(callerTurns[i]) is null; i--) misses++;
        var fallback = _script.Fallback;
        return misses >= fallback.MaxAttempts ? (fallback.FinalReply, fallback.Then) : (fallback.Reply, ScriptAction.None);
    }

    private ScriptIntent? Match(string transcript)
    {
        var normalised = IntentMatcher.Normalise(transcript);
        var words = normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ScriptIntent? best = null;
        var bestScore = 0;
        foreach (var intent in _script.Intents)
        {
            var score = IntentMatcher.Score(intent, normalised, words);
            if (score > bestScore) (best, bestScore) = (intent, score);
        }

        if (_script.Goodbye is { } goodbye && IntentMatcher.Score(goodbye, normalised, words) > bestScore) best = goodbye;
        return best;
    }

    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex WordPiece();
}
