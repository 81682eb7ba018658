using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Coordination;

/// <summary>Builds the <see cref="ConflictReport"/> of the control plane from a <see cref="ConflictLog"/> (control path: allocates).</summary>
public static class ConflictReportBuilder
{
    /// <summary>How the control plane serialises the report: camelCase, nulls left out.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The counts and the <paramref name="limit"/> most recent records of <paramref name="log"/>, newest first.</summary>
    public static ConflictReport Build(ConflictLog log, int limit, AccountDirectory accounts, InstrumentCatalog catalog, Func<StrategyId, string> strategyName)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(strategyName);
        var records = log.Recent(limit);
        var views = new List<ConflictView>(records.Length);
        for (var i = records.Length - 1; i >= 0; i--)
        {
            views.Add(View(records[i], accounts, catalog, strategyName));
        }

        var byCondition = new Dictionary<string, long>();
        foreach (var condition in Enum.GetValues<ConflictCondition>())
        {
            if (condition != ConflictCondition.None)
            {
                byCondition[condition.ToString()] = log.Count(condition);
            }
        }

        var byResolution = new Dictionary<string, long>();
        foreach (var resolution in Enum.GetValues<ConflictResolution>())
        {
            if (resolution != ConflictResolution.None)
            {
                byResolution[resolution.ToString()] = log.Count(resolution);
            }
        }

        return new ConflictReport(log.Total, views.Count, byCondition, byResolution, views);
    }

    private static ConflictView View(ConflictRecord r, AccountDirectory accounts, InstrumentCatalog catalog, Func<StrategyId, string> strategyName)
    {
        var band = r.Condition == ConflictCondition.AllocationBand;
        var (keptRole, otherRole) = r.Standing ? StandingRoles(r.Resolution, r.Kept) : Roles(r.Condition, r.Resolution);
        var strategies = new List<ConflictStrategyView>
        {
            new(strategyName(r.Strategy), keptRole, r.StrategyBefore.ToDecimal(), r.StrategyAfter.ToDecimal()),
        };
        if (r.Other.IsValid)
        {
            strategies.Add(new(strategyName(r.Other), otherRole, r.OtherBefore.ToDecimal(), r.OtherAfter.ToDecimal()));
        }

        return new ConflictView(
            r.Id,
            Iso(r.Timestamp),
            r.Timestamp,
            (uint)r.Account.Value < (uint)accounts.Count ? accounts.NameOf(r.Account) : $"#{r.Account.Value}",
            r.Instrument.IsValid && r.Instrument.Value < catalog.Count ? catalog[r.Instrument].Symbol : null,
            AssetClassNames.ToSeedName(r.AssetClass),
            r.Condition.ToString(),
            r.Resolution.ToString(),
            strategies,
            r.StrategyCount,
            band ? null : r.NetBefore.ToDecimal(),
            band ? null : r.NetAfter.ToDecimal(),
            band ? Percent(r.WeightRequested) : null,
            band ? Percent(r.WeightApplied) : null,
            r.Attempt,
            r.SourceSequence,
            r.Standing ? true : null);
    }

    // A change against another strategy's standing position: the change's role, and "standing" for the position.
    private static (string Kept, string Other) StandingRoles(ConflictResolution resolution, bool kept) => resolution switch
    {
        ConflictResolution.Average => ("netted", "standing"),
        ConflictResolution.Defer => (kept ? "first" : "deferred", "standing"),
        ConflictResolution.Cancel => ("cancelled", "standing"),
        _ => (kept ? "winner" : "loser", "standing"),
    };

    /// <summary>The refusal log's last <paramref name="limit"/> records, newest first, names resolved.</summary>
    public static IReadOnlyList<RefusalView> Refusals(RefusalLog log, int limit, AccountDirectory accounts, InstrumentCatalog catalog, Func<StrategyId, string> strategyName)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(strategyName);
        var records = log.Recent(limit);
        var views = new List<RefusalView>(records.Length);
        for (var i = records.Length - 1; i >= 0; i--)
        {
            var r = records[i];
            views.Add(new RefusalView(
                r.Id,
                Iso(r.Timestamp),
                r.Timestamp,
                (uint)r.Account.Value < (uint)accounts.Count ? accounts.NameOf(r.Account) : $"#{r.Account.Value}",
                strategyName(r.Strategy),
                r.Instrument.IsValid && r.Instrument.Value < catalog.Count ? catalog[r.Instrument].Symbol : $"#{r.Instrument.Value}",
                r.Source switch { RefusalSource.Gate => "gate", RefusalSource.Stage => "stage", _ => "sizing" },
                r.Reason.ToString(),
                r.Quantity.ToDecimal(),
                r.Target.ToDecimal(),
                r.BlockedUntil > 0 ? Iso(r.BlockedUntil) : null,
                r.Level));
        }

        return views;
    }

    private static (string Kept, string Other) Roles(ConflictCondition condition, ConflictResolution resolution) => (condition, resolution) switch
    {
        (ConflictCondition.AllocationBand, _) => ("requester", "requester"),
        (ConflictCondition.ExposureOverlap, ConflictResolution.Average) => ("reduced", "reduced"),
        (ConflictCondition.ExposureOverlap, ConflictResolution.Cancel) => ("cancelled", "cancelled"),
        (ConflictCondition.ExposureOverlap, _) => ("kept", "reduced"),
        (_, ConflictResolution.Prioritize) => ("winner", "loser"),
        (_, ConflictResolution.Average) => ("netted", "netted"),
        (_, ConflictResolution.Defer) => ("first", "deferred"),
        _ => ("cancelled", "cancelled"),
    };

    // Weights are fractions inside the engine and percentages in documents and the API; round off the binary noise.
    private static double? Percent(double fraction) => double.IsFinite(fraction) ? Math.Round(fraction * 100, 10) : null;

    internal static string? Iso(long nanoseconds)
    {
        var ticks = nanoseconds / 100;
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks)
        {
            return null;
        }

        return new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
    }
}
