namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// One way of grouping the positions (by asset class or by currency): group names in order of first appearance,
/// the group of each position, and the group revaluations a model fills in.
/// </summary>
internal sealed class Grouping
{
    private Grouping(string[] names, int[] groupOf)
    {
        Names = names;
        GroupOf = groupOf;
        Incremental = new double[names.Length];
        Standalone = new double[names.Length];
    }

    /// <summary>Group names.</summary>
    public string[] Names { get; }

    /// <summary>Group index of each position.</summary>
    public int[] GroupOf { get; }

    /// <summary>Number of groups.</summary>
    public int Count => Names.Length;

    /// <summary>VaR minus VaR without the group (filled by the model).</summary>
    public double[] Incremental { get; }

    /// <summary>VaR of the group alone (filled by the model).</summary>
    public double[] Standalone { get; }

    public static Grouping Build(IReadOnlyList<RiskPosition> positions, Func<RiskPosition, string> key)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var groupOf = new int[positions.Count];
        for (int i = 0; i < positions.Count; i++)
        {
            string name = key(positions[i]);
            if (!index.TryGetValue(name, out int g))
            {
                g = names.Count;
                index[name] = g;
                names.Add(name);
            }

            groupOf[i] = g;
        }

        return new Grouping([.. names], groupOf);
    }
}
