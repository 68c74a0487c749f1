using PhoneAgent.Pipeline.Stt.PocketSphinx;

namespace PhoneAgent.Pipeline.Tests.Stt;

public class LogSpectrumExtensionTests
{
    private const string TwoTargets = """
        # a comment
        filters 5
        inputs 0 2
        target 3 1 0.5 0.25
        target 4 -2 0 1
        """;

    [Fact]
    public void Replaces_only_the_target_filters_by_their_linear_estimate()
    {
        var extension = LogSpectrumExtension.Parse(TwoTargets);
        float[] spectrum = [4, 8, 3, -9, -9];

        extension.Apply(spectrum);

        Assert.Equal([4, 8, 3, 1 + (0.5f * 4) + (0.25f * 8), -2 + 8], spectrum);
    }

    [Fact]
    public void Adds_the_offset_to_every_filter_after_the_estimate()
    {
        var extension = LogSpectrumExtension.Parse(TwoTargets + "\noffset 1 2 3 4 5");
        float[] spectrum = [4, 8, 3, -9, -9];

        extension.Apply(spectrum);

        // The estimates read the measured inputs, not the offset ones.
        Assert.Equal([4 + 1, 8 + 2, 3 + 3, 1 + (0.5f * 4) + (0.25f * 8) + 4, -2 + 8 + 5], spectrum);
    }

    [Theory]
    [InlineData("filters 5\ninputs 0 2\ntarget 3 1 0.5\n")]
    [InlineData("filters 5\ninputs 0 2\ntarget 7 1 0.5 0.25\n")]
    [InlineData("filters 5\ninputs 4 2\ntarget 3 1 0.5 0.25\n")]
    [InlineData("filters 5\ninputs 0\n")]
    [InlineData("filters 5\nweights 1 2\n")]
    [InlineData("filters 5\ninputs 0 2\ntarget 3 1 0.5 0.25\noffset 1 2 3 4\n")]
    [InlineData("filters 5\ninputs 0 2\ntarget 3 1 0.5 0.25\noffset 1 2 3 4 five\n")]
    public void Rejects_coefficients_that_do_not_fit_together(string text) =>
        Assert.Throws<FormatException>(() => LogSpectrumExtension.Parse(text));

    [Fact]
    public void Rejects_a_spectrum_of_another_filterbank()
    {
        var extension = LogSpectrumExtension.Parse(TwoTargets);
        Assert.Throws<ArgumentException>(() => extension.Apply(new float[6]));
    }

    [Fact]
    public void The_shipped_coefficients_fit_the_en_us_models_filterbank() => Assert.Equal(25, LogSpectrumExtension.Default.Filters);
}
