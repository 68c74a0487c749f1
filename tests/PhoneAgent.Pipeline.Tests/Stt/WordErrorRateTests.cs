using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Stt;

public class WordErrorRateTests
{
    [Theory]
    [InlineData("ten of clubs", "ten of clubs", 0)]
    [InlineData("ten of clubs", "ten clubs", 1)]
    [InlineData("ten of clubs", "ten of the clubs", 1)]
    [InlineData("ten of clubs", "then of cubs", 2)]
    [InlineData("ten of clubs", "", 3)]
    [InlineData("", "ten", 1)]
    [InlineData("Ask not, what", "ask not what", 0)]
    public void Counts_word_edits(string reference, string hypothesis, int errors) =>
        Assert.Equal(errors, WordErrorRate.Errors(WordErrorRate.Words(reference), WordErrorRate.Words(hypothesis)));

    [Theory]
    [InlineData("open at seven", "hello we are open at seven today", 0)]
    [InlineData("open at seven", "hello we are open seven today", 1)]
    [InlineData("open at seven", "closed", 3)]
    [InlineData("open at seven", "", 3)]
    [InlineData("", "anything", 0)]
    public void Finds_an_utterance_inside_a_longer_transcript(string reference, string transcript, int errors) =>
        Assert.Equal(errors, WordErrorRate.ErrorsWithin(WordErrorRate.Words(reference), WordErrorRate.Words(transcript)));
}
