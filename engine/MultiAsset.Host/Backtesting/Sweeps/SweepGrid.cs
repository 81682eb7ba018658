using System.Text.Json.Nodes;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>The cartesian product of every parameter's values.</summary>
public static class SweepGrid
{
    /// <summary>
    /// Every combination, in odometer order: the last parameter varies fastest (<c>fast=5 slow=30, fast=5 slow=60,
    /// fast=10 slow=30, ...</c>).
    /// </summary>
    public static IReadOnlyList<SweepParameterSet> Expand(IReadOnlyList<(string Name, IReadOnlyList<JsonNode> Values)> grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var sets = new List<SweepParameterSet>();
        if (grid.Count == 0 || grid.Any(g => g.Values.Count == 0))
        {
            return sets;
        }

        var index = new int[grid.Count];
        while (true)
        {
            sets.Add(new SweepParameterSet(grid.Select((g, i) => (g.Name, g.Values[index[i]]))));
            var position = grid.Count - 1;
            while (position >= 0 && ++index[position] == grid[position].Values.Count)
            {
                index[position] = 0;
                position--;
            }

            if (position < 0)
            {
                return sets;
            }
        }
    }
}
