using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Conversions between <see cref="ExecutionAlgorithm"/> and the seed's spelling
/// (<c>TWAP | VWAP | Implementation | Momentum | Liquidity</c>, plus <c>Direct</c>).
/// </summary>
public static class ExecutionAlgorithmNames
{
    /// <summary>The accepted spellings of the seed's algorithms, for error messages.</summary>
    public const string SeedValues = "TWAP, VWAP, Implementation, Momentum, Liquidity";

    /// <summary>The spelling of <paramref name="algorithm"/> (an interned constant: no allocation).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="ExecutionAlgorithm"/>.</exception>
    public static string ToName(ExecutionAlgorithm algorithm) => algorithm switch
    {
        ExecutionAlgorithm.Direct => "Direct",
        ExecutionAlgorithm.Twap => "TWAP",
        ExecutionAlgorithm.Vwap => "VWAP",
        ExecutionAlgorithm.Implementation => "Implementation",
        ExecutionAlgorithm.Momentum => "Momentum",
        ExecutionAlgorithm.Liquidity => "Liquidity",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown execution algorithm."),
    };

    /// <summary>
    /// Parses a spelling, ignoring case (hand-written JSON is not consistent about "Twap" vs "TWAP").
    /// Accepts the seed's five names and <c>Direct</c>; surrounding whitespace is not accepted.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ExecutionAlgorithm algorithm)
    {
        for (var candidate = ExecutionAlgorithm.Direct; candidate <= ExecutionAlgorithm.Liquidity; candidate++)
        {
            if (text.Equals(ToName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }
}
