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

    // Two components over inputs 0-1, one at (0, 0) and one at (10, 10), equally weighted and equally wide; the
    // first maps to filter 3 as 1 + x0, the second as 100 + x1.
    private const string TwoComponents = """
        filters 4
        inputs 0 2
        component 0
        mean 0 0
        precision 1 1
        target 3 1 1 0
        component 0
        mean 10 10
        precision 1 1
        target 3 100 0 1
        """;

    [Fact]
    public void One_component_is_the_linear_estimate()
    {
        var linear = LogSpectrumExtension.Parse(TwoTargets);
        var mixture = LogSpectrumExtension.Parse(TwoTargets.Replace("inputs 0 2", "inputs 0 2\ncomponent -3\nmean 1 2\nprecision 0.5 0.5", StringComparison.Ordinal));
        float[] expected = [4, 8, 3, -9, -9];
        float[] actual = [.. expected];

        linear.Apply(expected);
        mixture.Apply(actual);

        Assert.Equal(1, mixture.Components);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0.5f, 0.5f)]
    [InlineData(9, 9.5f)]
    [InlineData(5, 5)]
    [InlineData(-40, 70)]
    public void Posteriors_sum_to_one(float x0, float x1)
    {
        var extension = LogSpectrumExtension.Parse(TwoComponents);
        var posteriors = new float[2];

        extension.Posteriors([x0, x1], posteriors);

        Assert.All(posteriors, p => Assert.InRange(p, 0, 1));
        Assert.Equal(1, posteriors.Sum(), 5);
    }

    [Fact]
    public void A_frame_near_one_component_takes_its_map()
    {
        var extension = LogSpectrumExtension.Parse(TwoComponents);
        float[] near = [0.5f, 1, 7, -9];
        float[] far = [9, 10.5f, 7, -9];

        extension.Apply(near);
        extension.Apply(far);

        Assert.Equal(1 + 0.5f, near[3], 3);
        Assert.Equal(100 + 10.5f, far[3], 3);
    }

    [Fact]
    public void A_frame_between_components_blends_their_maps()
    {
        // Halfway, both Gaussians score the same: the estimate is the maps' mean, not a jump to either.
        var extension = LogSpectrumExtension.Parse(TwoComponents);
        float[] spectrum = [5, 5, 7, -9];

        extension.Apply(spectrum);

        Assert.Equal(((1 + 5) + (100 + 5)) / 2f, spectrum[3], 3);
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
    [InlineData("filters 5\ninputs 0 2\ntarget 3 1 0.5 0.25\ncomponent 0\nmean 0 0\nprecision 1 1\ntarget 3 1 0.5 0.25\n")]
    [InlineData("filters 5\ninputs 0 2\ncomponent 0\nmean 0 0\nprecision 1 1\ntarget 3 1 0.5 0.25\ncomponent 0\nmean 0 0\nprecision 1 1\ntarget 4 1 0.5 0.25\n")]
    [InlineData("filters 5\ninputs 0 2\ncomponent 0\nmean 0 0 0\nprecision 1 1 1\ntarget 3 1 0.5 0.25\n")]
    [InlineData("filters 5\ninputs 0 2\ncomponent 0\nmean 0 0\nprecision 1\ntarget 3 1 0.5 0.25\n")]
    [InlineData("filters 5\ninputs 0 2\ncomponent 0\nmean 0 0\nprecision 1 -1\ntarget 3 1 0.5 0.25\n")]
    [InlineData("filters 5\ninputs 0 2\ncomponent 0\ntarget 3 1 0.5 0.25\n")]
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

    [Fact]
    public void The_shipped_coefficients_mix_32_maps() => Assert.Equal(32, LogSpectrumExtension.Default.Components);
}
