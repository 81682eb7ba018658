using System.Globalization;
using MultiAsset.Engine.Routing.Orders;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// Compares the two sides' orders and fills by key (<see cref="ReplayOrderKey"/>, <see cref="ReplayFillKey"/>): what
/// only one side has, and for what both have, the fields that differ. An order is compared as created (type, size,
/// limit, time in force, algorithm, reason, the risk verdict, the input sequence and time that created it) and, when
/// the router's ledger still held it on both sides at the end, as it ended (status, end reason, filled, average price,
/// fees, children, fills, done time). Engine ids are not compared (they are not stable across sides).
/// </summary>
internal static class ReplayComparer
{
    /// <summary>One line for an order as created.</summary>
    public static string Describe(CapturedOrder order)
    {
        var v = order.Created;
        var limit = v.LimitPrice is { } price ? $" @ {Number(price)}" : string.Empty;
        return $"{order.Key} {v.Type} {Number(v.Quantity)}{limit} {v.TimeInForce} {v.Algorithm} {v.Reason} → {v.RiskVerdict}";
    }

    /// <summary>One line for a fill.</summary>
    public static string Describe(CapturedFill fill)
        => $"{fill.Key} {Number(fill.Quantity)} @ {Number(fill.Price)} fee {Number(fill.Fee)} {fill.Venue} {fill.Liquidity} at {OrderReadModel.Time(fill.TimeNs)}";

    /// <summary>The fields of two versions of the same order that differ.</summary>
    public static List<ReplayFieldDiff> Fields(CapturedOrder a, CapturedOrder b)
    {
        var fields = new List<ReplayFieldDiff>();
        Add(fields, "sequence", a.Sequence.ToString(CultureInfo.InvariantCulture), b.Sequence.ToString(CultureInfo.InvariantCulture));
        Add(fields, "createdAt", a.Created.CreatedAt, b.Created.CreatedAt);
        Add(fields, "type", a.Created.Type, b.Created.Type);
        Add(fields, "quantity", Number(a.Created.Quantity), Number(b.Created.Quantity));
        Add(fields, "limitPrice", Number(a.Created.LimitPrice), Number(b.Created.LimitPrice));
        Add(fields, "timeInForce", a.Created.TimeInForce, b.Created.TimeInForce);
        Add(fields, "algorithm", a.Created.Algorithm, b.Created.Algorithm);
        Add(fields, "reason", a.Created.Reason, b.Created.Reason);
        Add(fields, "riskVerdict", a.Created.RiskVerdict, b.Created.RiskVerdict);
        if (a.Final is { } fa && b.Final is { } fb)
        {
            Add(fields, "status", fa.Status, fb.Status);
            if (fa.RiskVerdict != a.Created.RiskVerdict || fb.RiskVerdict != b.Created.RiskVerdict)
            {
                // A held order is checked again at the open: its verdict then, when it moved on either side.
                Add(fields, "riskVerdictAtEnd", fa.RiskVerdict, fb.RiskVerdict);
            }
            Add(fields, "endReason", fa.EndReason, fb.EndReason);
            Add(fields, "filledQuantity", Number(fa.FilledQuantity), Number(fb.FilledQuantity));
            Add(fields, "averagePrice", Number(fa.AveragePrice), Number(fb.AveragePrice));
            Add(fields, "fees", Number(fa.Fees), Number(fb.Fees));
            Add(fields, "childCount", fa.ChildCount.ToString(CultureInfo.InvariantCulture), fb.ChildCount.ToString(CultureInfo.InvariantCulture));
            Add(fields, "fillCount", fa.FillCount.ToString(CultureInfo.InvariantCulture), fb.FillCount.ToString(CultureInfo.InvariantCulture));
            Add(fields, "doneAt", fa.DoneAt, fb.DoneAt);
        }

        return fields;
    }

    /// <summary>The fields of two versions of the same fill that differ.</summary>
    public static List<ReplayFieldDiff> Fields(CapturedFill a, CapturedFill b)
    {
        var fields = new List<ReplayFieldDiff>();
        Add(fields, "sequence", a.Sequence.ToString(CultureInfo.InvariantCulture), b.Sequence.ToString(CultureInfo.InvariantCulture));
        Add(fields, "time", OrderReadModel.Time(a.TimeNs), OrderReadModel.Time(b.TimeNs));
        Add(fields, "quantity", Number(a.Quantity), Number(b.Quantity));
        Add(fields, "price", Number(a.Price), Number(b.Price));
        Add(fields, "fee", Number(a.Fee), Number(b.Fee));
        Add(fields, "venue", a.Venue, b.Venue);
        Add(fields, "liquidity", a.Liquidity, b.Liquidity);
        return fields;
    }

    /// <summary>Every differing order, ordered by the input sequence it appeared at (then key).</summary>
    public static List<ReplayItemDiff> Orders(IReadOnlyList<CapturedOrder> a, IReadOnlyList<CapturedOrder> b)
        => Diff(a, b, o => o.Key.ToString(), o => o.Sequence, Describe, Fields);

    /// <summary>Every differing fill, ordered by the input sequence it appeared at (then key).</summary>
    public static List<ReplayItemDiff> Fills(IReadOnlyList<CapturedFill> a, IReadOnlyList<CapturedFill> b)
        => Diff(a, b, f => f.Key.ToString(), f => f.Sequence, Describe, Fields);

    private static List<ReplayItemDiff> Diff<T>(
        IReadOnlyList<T> a, IReadOnlyList<T> b, Func<T, string> key, Func<T, long> sequence, Func<T, string> describe, Func<T, T, List<ReplayFieldDiff>> fields)
    {
        var inB = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in b)
        {
            inB.TryAdd(key(item), item);
        }

        var diffs = new List<ReplayItemDiff>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in a)
        {
            var k = key(item);
            seen.Add(k);
            if (!inB.TryGetValue(k, out var other))
            {
                diffs.Add(new ReplayItemDiff("onlyInA", k, sequence(item), describe(item), null, []));
                continue;
            }

            var changed = fields(item, other);
            if (changed.Count > 0)
            {
                diffs.Add(new ReplayItemDiff("changed", k, sequence(item), describe(item), describe(other), changed));
            }
        }

        foreach (var item in b)
        {
            if (!seen.Contains(key(item)))
            {
                diffs.Add(new ReplayItemDiff("onlyInB", key(item), sequence(item), null, describe(item), []));
            }
        }

        diffs.Sort((x, y) => x.Sequence != y.Sequence ? x.Sequence.CompareTo(y.Sequence) : string.CompareOrdinal(x.Key, y.Key));
        return diffs;
    }

    private static void Add(List<ReplayFieldDiff> fields, string name, string? a, string? b)
    {
        if (!string.Equals(a, b, StringComparison.Ordinal))
        {
            fields.Add(new ReplayFieldDiff(name, a, b));
        }
    }

    /// <summary>A decimal as written in the JSON (invariant, no trailing zeros).</summary>
    public static string Number(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value is { } v ? Number(v) : null;
}
