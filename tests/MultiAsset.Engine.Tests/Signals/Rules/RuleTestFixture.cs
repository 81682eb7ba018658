using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.Rules;

/// <summary>The repository's instrument catalogue and a compiler over the default analytics timeframes (1s, 1m, 1h, 1d).</summary>
internal static class RuleTestFixture
{
    public static readonly int[] Timeframes = [1, 60, 3600, 86400];

    public static InstrumentCatalog Catalog => RepoFiles.ShippedCatalog;

    public static RuleCompiler Compiler { get; } = new(Catalog, Timeframes);

    public static InstrumentId Id(string symbol) => Catalog.TryGet(symbol, out var instrument)
        ? instrument.Id
        : throw new ArgumentException($"No instrument {symbol}", nameof(symbol));

    public static int Tf(int seconds) => Array.IndexOf(Timeframes, seconds);
}
