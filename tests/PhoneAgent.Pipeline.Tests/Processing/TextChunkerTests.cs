using PhoneAgent.Pipeline.Processing;

namespace PhoneAgent.Pipeline.Tests.Processing;

public class TextChunkerTests
{
    [Fact]
    public void Streamed_tokens_become_sentences_as_soon_as_each_boundary_is_known()
    {
        var chunker = new TextChunker();
        Assert.Empty(chunker.Append("Hel"));
        Assert.Empty(chunker.Append("lo there."));
        Assert.Equal(["Hello there."], chunker.Append(" How"));
        Assert.Equal(["How are you?"], chunker.Append(" are you? I'm"));
        Assert.Empty(chunker.Append(" fine"));
        Assert.Equal("I'm fine", chunker.Flush());
        Assert.Null(chunker.Flush());
    }

    [Theory]
    [InlineData("It costs 3.5 dollars. Ok", "It costs 3.5 dollars.")]
    [InlineData("Dr. Smith is in. Ok", "Dr. Smith is in.")]
    [InlineData("Press 1, e.g. now. Ok", "Press 1, e.g. now.")]
    [InlineData("Wait! Ok", "Wait!")]
    public void Decimal_points_and_abbreviations_do_not_end_a_sentence(string text, string first)
    {
        var chunker = new TextChunker();
        Assert.Equal([first], chunker.Append(text));
        Assert.Equal("Ok", chunker.Flush());
    }

    [Fact]
    public void Long_sentences_split_at_a_clause_once_long_enough()
    {
        var chunker = new TextChunker(minClauseLength: 20);
        Assert.Equal(
            ["Yes, your appointment is on Monday,", "which is the first of March;"],
            chunker.Append("Yes, your appointment is on Monday, which is the first of March; bring your card"));
        Assert.Equal("bring your card", chunker.Flush());
    }

    [Fact]
    public void Reset_forgets_pending_text()
    {
        var chunker = new TextChunker();
        chunker.Append("half a sent");
        chunker.Reset();
        Assert.Null(chunker.Flush());
    }
}
