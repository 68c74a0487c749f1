using PhoneAgent.Pipeline.Processing;

namespace PhoneAgent.Pipeline.Tests.Processing;

public class HeardTextTests
{
    [Theory]
    [InlineData("Four five six seven.", 3200, 6400, "Four five")]
    [InlineData("Four five six seven.", 0, 6400, "")]
    [InlineData("Four five six seven.", 6400, 6400, "Four five six seven.")]
    [InlineData("Four five six seven.", 9000, 6400, "Four five six seven.")]
    [InlineData("Hello world", 3, 11, "")]
    [InlineData("Hello world", 6, 11, "Hello")]
    [InlineData("Hello world", 5, 11, "Hello")]
    [InlineData("Hello world", 10, 11, "Hello")]
    [InlineData("Hello", 1, 0, "")]
    public void Prefix_is_proportional_and_ends_on_a_whole_word(string text, long played, long total, string expected) =>
        Assert.Equal(expected, HeardText.Prefix(text, played, total));
}
