namespace MultiAsset.Engine.Tests.Portfolio.Optimization;

/// <summary>
/// Reference data of He &amp; Litterman (1999), "The Intuition Behind Black-Litterman Model Portfolios", Goldman Sachs
/// Investment Management Research: seven country equity indices (Table 1 correlations, volatilities, market-cap
/// weights), δ = 2.5, τ = 0.05, and the single view "Germany outperforms the rest of Europe (France and UK, by market
/// cap) by 5%". Published values are in percent with one decimal.
/// </summary>
internal static class HeLitterman1999
{
    public static readonly string[] Assets = ["AUS", "CAN", "FRA", "GER", "JAP", "UK", "USA"];

    public static readonly double[,] Correlation =
    {
        { 1.000, 0.488, 0.478, 0.515, 0.439, 0.512, 0.491 },
        { 0.488, 1.000, 0.664, 0.655, 0.310, 0.608, 0.779 },
        { 0.478, 0.664, 1.000, 0.861, 0.355, 0.783, 0.668 },
        { 0.515, 0.655, 0.861, 1.000, 0.354, 0.777, 0.653 },
        { 0.439, 0.310, 0.355, 0.354, 1.000, 0.405, 0.306 },
        { 0.512, 0.608, 0.783, 0.777, 0.405, 1.000, 0.652 },
        { 0.491, 0.779, 0.668, 0.653, 0.306, 0.652, 1.000 },
    };

    public static readonly double[] Volatility = [0.160, 0.203, 0.248, 0.271, 0.210, 0.200, 0.187];

    public static readonly double[] MarketWeights = [0.016, 0.022, 0.052, 0.055, 0.116, 0.124, 0.615];

    public const double Delta = 2.5;
    public const double Tau = 0.05;

    /// <summary>Published equilibrium returns Π (Table 2), percent.</summary>
    public static readonly double[] PublishedEquilibriumPct = [3.9, 6.9, 8.4, 9.0, 4.3, 6.8, 7.6];

    /// <summary>Published posterior returns with the Germany view (Table 4), percent.</summary>
    public static readonly double[] PublishedPosteriorPct = [4.3, 7.6, 9.3, 11.0, 4.5, 7.0, 8.1];

    /// <summary>Published optimal unconstrained weights w* with the Germany view (Table 4), percent.</summary>
    public static readonly double[] PublishedWeightsPct = [1.5, 2.1, -4.0, 35.4, 11.0, -9.5, 58.6];

    /// <summary>Published w* − w_eq/(1+τ) with the Germany view (Table 4), percent.</summary>
    public static readonly double[] PublishedDeviationPct = [0.0, 0.0, -8.9, 30.2, 0.0, -21.3, 0.0];

    public static double[] CovarianceRowMajor()
    {
        int n = Assets.Length;
        var c = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                c[(i * n) + j] = Correlation[i, j] * Volatility[i] * Volatility[j];
            }
        }

        return c;
    }

    /// <summary>Germany vs market-cap-weighted France and UK.</summary>
    public static Dictionary<string, double> GermanyViewWeights()
    {
        double fra = 0.052, uk = 0.124;
        return new Dictionary<string, double>
        {
            ["GER"] = 1.0,
            ["FRA"] = -fra / (fra + uk),
            ["UK"] = -uk / (fra + uk),
        };
    }
}
