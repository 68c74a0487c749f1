using System.Text.RegularExpressions;

namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>
/// One thing a caller may ask: it matches when any keyword (a word or phrase, a trailing <c>*</c> matching word
/// endings) occurs in the transcript or any pattern matches it; the reply is spoken and the action taken.
/// </summary>
/// <param name="Name">A label for logs.</param>
/// <param name="Keywords">Lower-case words or phrases, compared word by word.</param>
/// <param name="Patterns">Case-insensitive regular expressions over the normalised transcript (lower case, words separated by single spaces, no punctuation but apostrophes).</param>
/// <param name="Reply">What the bot says.</param>
/// <param name="Action">What happens after the reply.</param>
public sealed record ScriptIntent(string Name, IReadOnlyList<string> Keywords, IReadOnlyList<Regex> Patterns, string Reply, ScriptAction Action);
