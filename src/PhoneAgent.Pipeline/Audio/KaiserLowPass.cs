namespace PhoneAgent.Pipeline.Audio;

/// <summary>
/// Designs linear-phase low-pass FIR filters by the Kaiser window method (J. F. Kaiser, "Nonrecursive digital
/// filter design using the I0-sinh window function", 1974; Oppenheim and Schafer, Discrete-Time Signal Processing, §7.5.3).
/// </summary>
internal static class KaiserLowPass
{
    /// <summary>Taps needed for <paramref name="attenuationDb"/> of stopband rejection over a transition band of <paramref name="transitionWidth"/> cycles per sample.</summary>
    public static int Length(double attenuationDb, double transitionWidth) =>
        (int)Math.Ceiling((attenuationDb - 8) / (2.285 * 2 * Math.PI * transitionWidth)) + 1;

    /// <summary>The window shape parameter β for a stopband attenuation above 50 dB (Kaiser's empirical formula).</summary>
    public static double Beta(double attenuationDb) => 0.1102 * (attenuationDb - 8.7);

    /// <summary>
    /// Returns <paramref name="length"/> taps of an ideal low-pass with its −6 dB point at <paramref name="cutoff"/>
    /// cycles per sample, windowed and scaled to a DC gain of exactly 1. The taps are symmetric about
    /// (length − 1) / 2, which is the filter's delay in samples.
    /// </summary>
    public static double[] Design(int length, double cutoff, double beta)
    {
        var taps = new double[length];
        var centre = (length - 1) / 2.0;
        var windowNorm = BesselI0(beta);
        var sum = 0.0;
        for (var k = 0; k < length; k++)
        {
            var offset = k - centre;
            var sinc = offset == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * offset) / (Math.PI * offset);
            var ratio = offset / centre;
            var window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (ratio * ratio)))) / windowNorm;
            taps[k] = sinc * window;
            sum += taps[k];
        }

        for (var k = 0; k < length; k++) taps[k] /= sum;
        return taps;
    }

    /// <summary>The zeroth-order modified Bessel function of the first kind, by its power series, which converges fast for the β values used here.</summary>
    private static double BesselI0(double x)
    {
        var sum = 1.0;
        var term = 1.0;
        var halfX = x / 2;
        for (var k = 1; k < 64; k++)
        {
            term *= halfX / k;
            var squared = term * term;
            sum += squared;
            if (squared < sum * 1e-17) break;
        }

        return sum;
    }
}
