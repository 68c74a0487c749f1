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
}
