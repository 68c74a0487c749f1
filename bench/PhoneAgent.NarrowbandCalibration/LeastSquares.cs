namespace PhoneAgent.NarrowbandCalibration;

/// <summary>Weighted least squares with a ridge term, for several targets sharing one design, by normal equations.</summary>
internal sealed class LeastSquares(int dimension, int targets)
{
    private readonly double[,] _gram = new double[dimension, dimension];
    private readonly double[,] _moments = new double[targets, dimension];

    /// <summary>The sum of the observations' weights.</summary>
    public double Weight { get; private set; }

    /// <summary>Adds one observation: the inputs (bias first), each target's value and the observation's weight.</summary>
    public void Add(double[] inputs, double[] observed, double weight = 1)
    {
        for (var i = 0; i < dimension; i++)
        {
            var weighted = weight * inputs[i];
            for (var j = 0; j < dimension; j++) _gram[i, j] += weighted * inputs[j];
            for (var t = 0; t < targets; t++) _moments[t, i] += weighted * observed[t];
        }

        Weight += weight;
    }

    /// <summary>Solves (XᵀX + λI)w = Xᵀy for each target by Cholesky; the bias is not penalised.</summary>
    public double[][] Solve(double ridge)
    {
        var a = (double[,])_gram.Clone();
        for (var i = 1; i < dimension; i++) a[i, i] += ridge;
        var l = new double[dimension, dimension];
        for (var i = 0; i < dimension; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        }

        var solutions = new double[targets][];
        for (var t = 0; t < targets; t++)
        {
            var y = new double[dimension];
            for (var i = 0; i < dimension; i++)
            {
                var sum = _moments[t, i];
                for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
                y[i] = sum / l[i, i];
            }

            var w = new double[dimension];
            for (var i = dimension - 1; i >= 0; i--)
            {
                var sum = y[i];
                for (var k = i + 1; k < dimension; k++) sum -= l[k, i] * w[k];
                w[i] = sum / l[i, i];
            }

            solutions[t] = w;
        }

        return solutions;
    }
}
