namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>The range one parameter is drawn from in a random search: uniform in [Min, Max] (whole numbers when <paramref name="Integer"/>).</summary>
/// <param name="Name">The parameter's name in the strategy document's <c>parameters</c>.</param>
/// <param name="Min">Smallest value (inclusive).</param>
/// <param name="Max">Largest value (inclusive for integers; a real draw is in [Min, Max)).</param>
/// <param name="Integer">Whether values are whole numbers.</param>
public sealed record SweepRandomRange(string Name, double Min, double Max, bool Integer);
