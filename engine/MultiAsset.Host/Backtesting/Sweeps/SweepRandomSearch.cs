using System.Text.Json.Nodes;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Draws parameter sets uniformly from ranges with a seeded generator: the same seed gives the same sets in the same
/// order. Draws that repeat an earlier set (likely with narrow integer ranges) are dropped, so there can be fewer sets
/// than samples.
/// </summary>
public static class SweepRandomSearch
{
    /// <summary>Draws <paramref name="samples"/> sets (each parameter in the order given, per sample).</summary>
    public static IReadOnlyList<SweepParameterSet> Sample(IReadOnlyList<SweepRandomRange> ranges, int samples, int seed)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        // A seeded System.Random uses the same (legacy, documented-stable) algorithm on every runtime and platform.
#pragma warning disable CA5394 // Not for security: a reproducible search.
        var random = new Random(seed);
        var sets = new List<SweepParameterSet>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < samples; i++)
        {
            var values = new List<(string, JsonNode)>(ranges.Count);
            foreach (var range in ranges)
            {
                if (range.Integer)
                {
                    var min = (long)Math.Ceiling(range.Min);
                    var max = (long)Math.Floor(range.Max);
                    values.Add((range.Name, JsonValue.Create(random.NextInt64(min, max + 1))));
                }
                else
                {
                    // Rounded to 6 significant digits: readable in sweep.csv, and the JSON text round-trips exactly.
                    var value = range.Min + (random.NextDouble() * (range.Max - range.Min));
                    values.Add((range.Name, JsonValue.Create(Round(value))));
                }
            }
#pragma warning restore CA5394

            var set = new SweepParameterSet(values);
            if (seen.Add(set.RunId))
            {
                sets.Add(set);
            }
        }

        return sets;
    }

    private static double Round(double value)
    {
        if (value == 0)
        {
            return 0;
        }

        var digits = Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
        return Math.Round(value, digits, MidpointRounding.AwayFromZero);
    }
}
