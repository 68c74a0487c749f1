using PhoneAgent.Pipeline.Tts;

namespace PhoneAgent.Pipeline.Tests.Tts;

public class ClauseSplitterTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        { "Hello.", ["Hello."] },
        { "Hello. How are you? Fine!", ["Hello.", "How are you?", "Fine!"] },
        { "  Hello,   world  ", ["Hello,", "world"] },
        { "It costs 3.5 dollars. Today, e.g. now.", ["It costs 3.5 dollars.", "Today, e.g.", "now."] },
        { "", [] },
        { " ... ?! ", [] },
        { "No punctuation at all", ["No punctuation at all"] },
        { "Hello, thank you for calling. Yes, we can.", ["Hello,", "thank you for calling.", "Yes, we can."] },
        {
            "Hello. Thank you for calling the support line of the example company, your call is important to us; please hold.",
            ["Hello.", "Thank you for calling the support line of the example company,", "your call is important to us;", "please hold."]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_is_cut_at_sentences_and_in_the_first_or_long_sentences_at_clauses(string text, string[] expected) =>
        Assert.Equal(expected, ClauseSplitter.Split(text));

    [Fact]
    public void A_long_run_without_punctuation_is_cut_at_spaces_within_the_limit()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 120));

        var pieces = ClauseSplitter.Split(text);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, ClauseSplitter.MaxPiece));
        Assert.Equal(text, string.Join(' ', pieces));
    }
}
