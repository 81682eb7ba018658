using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// The default universe of each asset class (<c>config/universes.json</c>, see <see cref="UniversesConfigReader"/>):
/// the instruments a strategy trades a class through when its document lists no instrument of that class. Immutable
/// once built; symbols are checked against the catalogue at load (tradable, of the class they are listed under).
/// </summary>
/// <remarks>
/// Order matters: the first instrument of a class is the one a carry trade hedges with (e.g. <c>SPY</c> for STOCK).
/// </remarks>
public sealed class AssetClassUniverses
{
    private readonly string[][] symbols;

    /// <summary>Creates the universes from symbols per class (index = <see cref="AssetClass"/> value).</summary>
    public AssetClassUniverses(IReadOnlyDictionary<AssetClass, IReadOnlyList<string>> byClass)
    {
        ArgumentNullException.ThrowIfNull(byClass);
        symbols = new string[ClassCount][];
        for (var c = 0; c < ClassCount; c++)
        {
            symbols[c] = byClass.TryGetValue((AssetClass)c, out var list) ? [.. list] : [];
        }
    }

    /// <summary>No default universe: a document without instruments of a class does not trade that class.</summary>
    public static AssetClassUniverses Empty { get; } = new(new Dictionary<AssetClass, IReadOnlyList<string>>());

    private static int ClassCount => 3;

    /// <summary>The universe of <paramref name="assetClass"/> (catalogue symbols, file order; empty when none is configured).</summary>
    public IReadOnlyList<string> Of(AssetClass assetClass) => (uint)assetClass < (uint)symbols.Length ? symbols[(int)assetClass] : [];

    /// <summary>Whether no class has a universe.</summary>
    public bool IsEmpty => symbols[0].Length == 0 && symbols[1].Length == 0 && symbols[2].Length == 0;
}
