using System.Text.Json;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// Reads what a sweep keeps of a run from its <c>result.json</c> — the figures of the portfolio book, else of the first
/// account, and the engine digest. A fresh run and a resumed run are read the same way, so their rows are the same.
/// </summary>
public static class SweepResultFile
{
    /// <summary>The file a finished run leaves in its folder.</summary>
    public const string FileName = "result.json";

    /// <summary>The figures and digest of the run in <paramref name="folder"/>, or null when it has no readable result.json.</summary>
    public static (SweepMetrics Metrics, string Digest)? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var book = root.TryGetProperty("portfolio", out var portfolio) && portfolio.ValueKind == JsonValueKind.Object
                ? portfolio
                : root.GetProperty("accounts")[0];
            var metrics = book.GetProperty("metrics");
            var trades = metrics.GetProperty("trades");
            return (new SweepMetrics(
                Real(metrics, "totalReturn"),
                Real(metrics, "cagr"),
                Real(metrics, "sharpe"),
                Real(metrics, "sortino"),
                Real(metrics, "calmar"),
                Real(metrics.GetProperty("drawdown"), "maxDrawdown"),
                trades.TryGetProperty("tradeCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt64() : null,
                Real(trades, "hitRate"),
                Real(trades, "profitFactor")), root.GetProperty("engine").GetProperty("digest").GetString() ?? string.Empty);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or IOException or FormatException)
        {
            // Half-written or from another version: run it again.
            return null;
        }
    }

    private static double? Real(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number : null;
}
