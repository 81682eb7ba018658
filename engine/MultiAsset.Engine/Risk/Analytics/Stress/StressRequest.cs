namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>How what-if positions combine with the account's own.</summary>
public enum WhatIfMode
{
    /// <summary>Quantities are added to the account's positions (a trade being considered).</summary>
    Add,

    /// <summary>The listed positions replace the account's positions (a hypothetical book).</summary>
    Replace,
}

/// <summary>A what-if position of a stress request.</summary>
/// <param name="Account">Account it belongs to; null = every account stressed.</param>
/// <param name="Symbol">Instrument symbol (class and currencies come from the catalogue).</param>
/// <param name="Quantity">Signed quantity (added or replacing, see <see cref="WhatIfMode"/>).</param>
/// <param name="Price">Price in the quote currency; null = the current mark.</param>
public sealed record WhatIfPosition(string? Account, string Symbol, decimal Quantity, decimal? Price);

/// <summary>
/// A parsed, validated <c>POST /risk/stress</c> body. Run every scenario in <see cref="ScenarioNames"/> (from the file)
/// and, when present, <see cref="AdHoc"/>, on every account in <see cref="Accounts"/> (all when empty), with
/// <see cref="Positions"/> applied first.
/// </summary>
public sealed record StressRequest
{
    /// <summary>Scenario names from the file (deduplicated, in request order).</summary>
    public IReadOnlyList<string> ScenarioNames { get; init; } = [];

    /// <summary>The ad-hoc scenario built from the body's <c>shocks</c>, or null.</summary>
    public StressScenario? AdHoc { get; init; }

    /// <summary>Accounts to stress; empty = all the caller may see.</summary>
    public IReadOnlyList<string> Accounts { get; init; } = [];

    /// <summary>What-if positions (empty = the accounts as they are).</summary>
    public IReadOnlyList<WhatIfPosition> Positions { get; init; } = [];

    /// <summary>How <see cref="Positions"/> apply.</summary>
    public WhatIfMode PositionsMode { get; init; } = WhatIfMode.Add;

    /// <summary>Every scenario to run, named ones (resolved in <paramref name="library"/>) first, then the ad-hoc one.</summary>
    public IReadOnlyList<StressScenario> Scenarios(ScenarioLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        var list = new List<StressScenario>();
        foreach (var name in ScenarioNames)
        {
            list.Add(library.Find(name) ?? throw new ArgumentException($"scenario '{name}' is not in the library", nameof(library)));
        }

        if (AdHoc is not null)
        {
            list.Add(AdHoc);
        }

        return list;
    }
}
