using PhoneAgent.Host.Conversation;
using PhoneAgent.Pipeline;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>The Conversation section's turn-taking keys: defaults, and a bad value refused naming the key.</summary>
public sealed class ConversationOptionsTests
{
    [Fact]
    public void Defaults_end_a_complete_turn_after_200_ms_and_any_other_after_500_ms()
    {
        var turn = new ConversationOptions().ToSettings().Turn;
        Assert.Equal(TimeSpan.FromMilliseconds(500), turn.EndOfTurnSilence);
        Assert.Equal(TimeSpan.FromMilliseconds(200), turn.CompleteTurnSilence);
        Assert.Equal(TimeSpan.Zero, new ConversationOptions { CompleteTurnSilenceMs = 0 }.ToSettings().Turn.CompleteTurnSilence);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(50)]
    [InlineData(600)]
    public void Complete_turn_silence_outside_off_or_100_ms_to_the_end_of_turn_silence_is_refused(int milliseconds)
    {
        var options = new ConversationOptions { CompleteTurnSilenceMs = milliseconds };
        var e = Assert.Throws<ConfigurationException>(options.ToSettings);
        Assert.Equal("Conversation:CompleteTurnSilenceMs", e.Key);
    }
}
