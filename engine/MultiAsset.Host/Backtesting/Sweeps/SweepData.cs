using MultiAsset.Engine.Backtest.Import;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// The backtest's data made ready once for every run of a sweep: vendor files are imported into SWEEP/data (as
/// <see cref="BacktestRunner"/> would into each run's folder) and every run replays the caches, so no run imports.
/// </summary>
/// <param name="Data">The data every run replays.</param>
/// <param name="FirstNs">Time of the first event, or null when a source does not say (CSV, Parquet).</param>
/// <param name="LastNs">Time of the last event, or null when a source does not say.</param>
public sealed record SweepData(IReadOnlyList<BacktestData> Data, long? FirstNs, long? LastNs)
{
    /// <summary>Imports what <paramref name="spec"/> imports into <paramref name="folder"/> and reads the caches' time range.</summary>
    /// <exception cref="ConfigurationException">An import is invalid or accepted no rows.</exception>
    public static SweepData Prepare(BacktestSpec spec, string folder)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var data = new List<BacktestData>();
        long? first = null, last = null;
        var known = true;
        InstrumentCatalog? catalog = null;
        var imports = spec.Data.Count(d => d.Kind == "import");
        for (var index = 0; index < spec.Data.Count; index++)
        {
            var source = spec.Data[index];
            string? cache = null;
            if (source.Kind == "import")
            {
                catalog ??= InstrumentCatalogLoader.Parse(File.ReadAllText(spec.Instruments ?? ShippedInstruments()), spec.Instruments ?? "shipped instruments.json");
                // Named as the runner names them, so a cache here is the cache a single backtest would write.
                var import = source.Import! with { Name = imports > 1 ? $"{source.Import!.Name}-{index + 1}" : source.Import!.Name };
                import.ThrowIfInvalid($"{spec.Source}: data[{index}].import");
                var report = DataImporter.Run(import, catalog, folder);
                if (report.Accepted == 0 || report.CachePath is null)
                {
                    throw new ConfigurationException($"{spec.Source}: data[{index}]: the import accepted no rows ({report.Rows} read, {report.Rejected} rejected)");
                }

                cache = report.CachePath;
            }
            else if (source.Kind == "cache")
            {
                cache = source.Path!;
            }

            if (cache is null)
            {
                known = false;
                data.Add(source);
                continue;
            }

            var header = EventCacheHeader.Read(cache);
            if (header.RecordCount > 0)
            {
                first = first is null ? header.FirstTimestamp : Math.Min(first.Value, header.FirstTimestamp);
                last = last is null ? header.LastTimestamp : Math.Max(last.Value, header.LastTimestamp);
            }

            data.Add(new BacktestData("cache", cache, null));
        }

        return new SweepData(data, known ? first : null, known ? last : null);
    }

    private static string ShippedInstruments()
    {
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "config", "instruments.json");
        return File.Exists(besideBinary) ? besideBinary : throw new ConfigurationException("the shipped config/instruments.json is not beside the binary; name an \"instruments\" file in the backtest spec");
    }
}
