using System.Globalization;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Backtest.Import;

/// <summary>
/// Split and dividend factors from a file <c>date,symbol,factor[,kind]</c>: prices of a symbol's rows dated before
/// <c>date</c> (the instrument's trading day) are multiplied by <c>factor</c> — by the product of the factors of every
/// later event — and, for <c>kind = split</c> (the default), volumes and sizes are divided by it.
/// </summary>
/// <remarks>A 2-for-1 split on 2024-06-10 is <c>2024-06-10,AAPL,0.5,split</c>: earlier prices halve and earlier volumes
/// double, so the series is continuous with the prices traded after the split. A dividend back-adjustment factor is
/// <c>1 - dividend / previous close</c>, e.g. <c>0.99</c>, with kind <c>dividend</c> (prices only).</remarks>
internal sealed class AdjustmentTable
{
    private readonly Dictionary<int, (int[] Days, long[] PriceFactors, long[] VolumeFactors)> byInstrument;

    private AdjustmentTable(Dictionary<int, (int[], long[], long[])> byInstrument, IReadOnlyList<string> unknownSymbols)
    {
        this.byInstrument = byInstrument;
        UnknownSymbols = unknownSymbols;
    }

    /// <summary>Symbols of the file that are not in the catalogue (their factors are ignored).</summary>
    public IReadOnlyList<string> UnknownSymbols { get; }

    /// <summary>Reads <paramref name="path"/>; every malformed line is reported at once.</summary>
    /// <exception cref="ConfigurationException">Missing file, wrong header or bad lines (each with file:line).</exception>
    public static AdjustmentTable Load(string path, ISymbolResolver symbols)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"adjustments: factor file not found: {path}");
        }

        var lines = File.ReadAllLines(path);
        var errors = new List<string>();
        var header = lines.Length == 0 ? [] : lines[0].TrimStart('\uFEFF').Split(',').Select(c => c.Trim().ToUpperInvariant()).ToArray();
        if (header.Length < 3 || header[0] != "DATE" || header[1] != "SYMBOL" || header[2] != "FACTOR" || (header.Length > 3 && header[3] != "KIND") || header.Length > 4)
        {
            throw new ConfigurationException($"{path}:1: expected the header 'date,symbol,factor[,kind]', found '{(lines.Length == 0 ? string.Empty : lines[0])}'");
        }

        var entries = new Dictionary<int, List<(int Day, decimal Factor, bool Split)>>();
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != header.Length)
            {
                errors.Add($"{path}:{i + 1}: expected {header.Length} fields, found {fields.Length}");
                continue;
            }

            if (!DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add($"{path}:{i + 1}: date '{fields[0]}' is not yyyy-MM-dd");
                continue;
            }

            if (!decimal.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || factor <= 0 || factor > 1_000_000)
            {
                errors.Add($"{path}:{i + 1}: factor '{fields[2]}' is not a positive number");
                continue;
            }

            bool split = true;
            if (fields.Length == 4)
            {
                split = fields[3].ToUpperInvariant() switch
                {
                    "SPLIT" or "" => true,
                    "DIVIDEND" => false,
                    _ => !AddError(errors, $"{path}:{i + 1}: kind '{fields[3]}' is not split or dividend"),
                };
            }

            if (!symbols.TryResolve(fields[1], out var id))
            {
                unknown.Add(fields[1]);
                continue;
            }

            if (!entries.TryGetValue(id.Value, out var list))
            {
                entries[id.Value] = list = [];
            }

            list.Add(((date.Year * 10_000) + (date.Month * 100) + date.Day, factor, split));
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        var table = new Dictionary<int, (int[], long[], long[])>();
        foreach (var (id, list) in entries)
        {
            var sorted = list.OrderBy(e => e.Day).ToArray();
            var days = sorted.Select(e => e.Day).ToArray();
            var price = new long[sorted.Length];
            var volume = new long[sorted.Length];
            decimal cumulativePrice = 1m, cumulativeVolume = 1m;
            for (int i = sorted.Length - 1; i >= 0; i--)
            {
                cumulativePrice *= sorted[i].Factor;
                cumulativeVolume *= sorted[i].Split ? sorted[i].Factor : 1m;
                price[i] = FixedPoint.FromDecimal(cumulativePrice);
                volume[i] = FixedPoint.FromDecimal(cumulativeVolume);
            }

            table[id] = (days, price, volume);
        }

        return new AdjustmentTable(table, [.. unknown]);
    }

    /// <summary>The price and volume factors (raw fixed point, 1.0 = <see cref="FixedPoint.Scale"/>) for a row of
    /// <paramref name="instrument"/> on trading day <paramref name="dayKey"/> (yyyymmdd); false when none applies.</summary>
    public bool TryGetFactors(int instrument, int dayKey, out long priceFactor, out long volumeFactor)
    {
        priceFactor = volumeFactor = FixedPoint.Scale;
        if (!byInstrument.TryGetValue(instrument, out var entry))
        {
            return false;
        }

        // First event strictly after the row's day: it and every later one apply.
        int index = Array.BinarySearch(entry.Days, dayKey + 1);
        index = index < 0 ? ~index : index;
        while (index > 0 && entry.Days[index - 1] > dayKey)
        {
            index--;
        }

        if (index >= entry.Days.Length)
        {
            return false;
        }

        priceFactor = entry.PriceFactors[index];
        volumeFactor = entry.VolumeFactors[index];
        return true;
    }

    private static bool AddError(List<string> errors, string error)
    {
        errors.Add(error);
        return true;
    }
}
