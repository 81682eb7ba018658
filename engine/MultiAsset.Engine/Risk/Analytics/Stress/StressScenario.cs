using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>Where a scenario comes from.</summary>
public enum StressScenarioKind
{
    /// <summary>Moves observed in a past market episode (<c>historical</c>).</summary>
    Historical,

    /// <summary>Moves someone made up (<c>hypothetical</c>).</summary>
    Hypothetical,

    /// <summary>Shocks given in a <c>POST /risk/stress</c> body (<c>adhoc</c>).</summary>
    AdHoc,
}

/// <summary>One cited figure behind a historical scenario.</summary>
/// <param name="Figure">What was measured ("S&amp;P 500 peak-to-trough close").</param>
/// <param name="Value">The measured move and the levels it comes from ("1565.15 → 676.53 = −56.8 %").</param>
/// <param name="Source">The public data source (index provider, central bank reference rate, exchange).</param>
/// <param name="Window">The dates the move is measured between.</param>
public sealed record StressSource(string Figure, string Value, string Source, string Window);

/// <summary>A named set of shocks (from <c>config/scenarios.json</c> or an ad-hoc request).</summary>
public sealed record StressScenario
{
    /// <summary>Unique name (e.g. <c>gfc-2008</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Historical, hypothetical or ad hoc.</summary>
    [JsonIgnore]
    public required StressScenarioKind Kind { get; init; }

    /// <summary>First day of the episode (historical), or null.</summary>
    public DateOnly? PeriodStart { get; init; }

    /// <summary>Last day of the episode (historical), or null.</summary>
    public DateOnly? PeriodEnd { get; init; }

    /// <summary>What happened / what is assumed.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The shocks.</summary>
    public required StressShocks Shocks { get; init; }

    /// <summary>Where the figures come from (required for historical scenarios).</summary>
    public IReadOnlyList<StressSource> Sources { get; init; } = [];

    /// <summary>The seed-style kind name: historical | hypothetical | adhoc.</summary>
    [JsonPropertyName("kind")]
    public string KindName => Kind switch
    {
        StressScenarioKind.Historical => "historical",
        StressScenarioKind.Hypothetical => "hypothetical",
        _ => "adhoc",
    };
}

/// <summary>The contents of <c>config/scenarios.json</c>: factor definitions and scenarios.</summary>
/// <param name="Factors">Every factor a scenario may shock: the built-in defaults overlaid with the file's.</param>
/// <param name="Scenarios">Scenarios in file order; names are unique.</param>
public sealed record ScenarioLibrary(IReadOnlyDictionary<string, StressFactor> Factors, IReadOnlyList<StressScenario> Scenarios)
{
    /// <summary>A library with the default factors and no scenarios.</summary>
    public static ScenarioLibrary Empty { get; } = new(StressFactor.Defaults, []);

    /// <summary>The scenario named <paramref name="name"/> (ordinal), or null.</summary>
    public StressScenario? Find(string name)
    {
        foreach (var scenario in Scenarios)
        {
            if (string.Equals(scenario.Name, name, StringComparison.Ordinal))
            {
                return scenario;
            }
        }

        return null;
    }
}
