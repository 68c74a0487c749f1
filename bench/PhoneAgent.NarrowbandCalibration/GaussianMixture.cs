namespace PhoneAgent.NarrowbandCalibration;

/// <summary>
/// A Gaussian mixture with diagonal covariances fitted by expectation maximisation, started from k-means++ and a few
/// k-means rounds with a fixed seed, so the same data give the same mixture on every run.
/// </summary>
internal sealed class GaussianMixture
{
    // Each variance stays above this share of the data's own: a component that collapses onto a few nearly equal
    // frames would otherwise take every posterior near it.
    private const double VarianceFloor = 0.01;

    private GaussianMixture(double[] weights, double[][] means, double[][] variances)
    {
        Weights = weights;
        Means = means;
        Variances = variances;
    }

    /// <summary>Each component's prior weight.</summary>
    public double[] Weights { get; }

    /// <summary>Each component's mean per dimension.</summary>
    public double[][] Means { get; }

    /// <summary>Each component's variance per dimension.</summary>
    public double[][] Variances { get; }

    /// <summary>Fits <paramref name="components"/> components to <paramref name="data"/>.</summary>
    public static GaussianMixture Fit(IReadOnlyList<double[]> data, int components, int seed, int kMeansRounds = 10, int emRounds = 40)
    {
        var dimension = data[0].Length;
        var global = new double[dimension];
        var overall = Statistics(data, Enumerable.Repeat(1.0, data.Count).ToArray());
        for (var d = 0; d < dimension; d++) global[d] = overall.Variance[d] * VarianceFloor;

        var means = KMeansPlusPlus(data, components, new Random(seed));
        var owner = new int[data.Count];
        for (var round = 0; round < kMeansRounds; round++)
        {
            for (var n = 0; n < data.Count; n++) owner[n] = Nearest(data[n], means);
            for (var k = 0; k < components; k++)
            {
                var members = owner.Select((o, n) => o == k ? 1.0 : 0.0).ToArray();
                if (members.Sum() > 0) means[k] = Statistics(data, members).Mean;
            }
        }

        var weights = new double[components];
        var variances = new double[components][];
        for (var k = 0; k < components; k++)
        {
            var members = owner.Select(o => o == k ? 1.0 : 0.0).ToArray();
            weights[k] = Math.Max(members.Sum(), 1) / data.Count;
            variances[k] = members.Sum() > 1 ? Statistics(data, members).Variance : (double[])overall.Variance.Clone();
            for (var d = 0; d < dimension; d++) variances[k][d] = Math.Max(variances[k][d], global[d]);
        }

        var mixture = new GaussianMixture(weights, means, variances);
        var responsibilities = new double[components][];
        for (var k = 0; k < components; k++) responsibilities[k] = new double[data.Count];
        var posterior = new double[components];
        for (var round = 0; round < emRounds; round++)
        {
            for (var n = 0; n < data.Count; n++)
            {
                mixture.Posteriors(data[n], posterior, temperature: 1);
                for (var k = 0; k < components; k++) responsibilities[k][n] = posterior[k];
            }

            for (var k = 0; k < components; k++)
            {
                var total = responsibilities[k].Sum();
                if (total < dimension) continue;
                var stats = Statistics(data, responsibilities[k]);
                weights[k] = total / data.Count;
                means[k] = stats.Mean;
                for (var d = 0; d < dimension; d++) variances[k][d] = Math.Max(stats.Variance[d], global[d]);
            }
        }

        return mixture;
    }

    /// <summary>
    /// Each component's log weight plus its Gaussian's log normalisation, divided by <paramref name="temperature"/>:
    /// with the precisions likewise divided, a softmax of the scores gives the tempered posteriors.
    /// </summary>
    public double LogWeight(int k, double temperature) =>
        (Math.Log(Weights[k]) - (0.5 * Variances[k].Sum(v => Math.Log(2 * Math.PI * v)))) / temperature;

    /// <summary>Each component's posterior for <paramref name="x"/>, the log likelihoods divided by <paramref name="temperature"/>.</summary>
    public void Posteriors(double[] x, double[] posteriors, double temperature)
    {
        var best = double.NegativeInfinity;
        for (var k = 0; k < Weights.Length; k++)
        {
            var score = 0.0;
            for (var d = 0; d < x.Length; d++) score += (x[d] - Means[k][d]) * (x[d] - Means[k][d]) / Variances[k][d];
            posteriors[k] = LogWeight(k, temperature) - (0.5 * score / temperature);
            best = Math.Max(best, posteriors[k]);
        }

        var total = 0.0;
        for (var k = 0; k < posteriors.Length; k++) total += posteriors[k] = Math.Exp(posteriors[k] - best);
        for (var k = 0; k < posteriors.Length; k++) posteriors[k] /= total;
    }

    private static double[][] KMeansPlusPlus(IReadOnlyList<double[]> data, int components, Random random)
    {
        var centres = new List<double[]> { (double[])data[random.Next(data.Count)].Clone() };
        var distance = data.Select(x => Squared(x, centres[0])).ToArray();
        while (centres.Count < components)
        {
            var pick = random.NextDouble() * distance.Sum();
            var n = 0;
            for (; n < data.Count - 1 && pick > distance[n]; n++) pick -= distance[n];
            centres.Add((double[])data[n].Clone());
            for (var i = 0; i < data.Count; i++) distance[i] = Math.Min(distance[i], Squared(data[i], centres[^1]));
        }

        return [.. centres];
    }

    private static int Nearest(double[] x, double[][] centres)
    {
        var best = 0;
        for (var k = 1; k < centres.Length; k++) if (Squared(x, centres[k]) < Squared(x, centres[best])) best = k;
        return best;
    }

    private static double Squared(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++) sum += (a[d] - b[d]) * (a[d] - b[d]);
        return sum;
    }

    private static (double[] Mean, double[] Variance) Statistics(IReadOnlyList<double[]> data, double[] weights)
    {
        var dimension = data[0].Length;
        var mean = new double[dimension];
        var variance = new double[dimension];
        var total = 0.0;
        for (var n = 0; n < data.Count; n++)
        {
            if (weights[n] == 0) continue;
            total += weights[n];
            for (var d = 0; d < dimension; d++) mean[d] += weights[n] * data[n][d];
        }

        for (var d = 0; d < dimension; d++) mean[d] /= total;
        for (var n = 0; n < data.Count; n++)
        {
            if (weights[n] == 0) continue;
            for (var d = 0; d < dimension; d++) variance[d] += weights[n] * (data[n][d] - mean[d]) * (data[n][d] - mean[d]);
        }

        for (var d = 0; d < dimension; d++) variance[d] /= total;
        return (mean, variance);
    }
}
