namespace MultiAsset.Engine.Model;

/// <summary>
/// Symbol → dense id at the edges (feed parsing, API requests), without allocating: feeds resolve a symbol per row
/// from a span of the input buffer.
/// </summary>
public interface ISymbolResolver
{
    /// <summary>Resolves a symbol given as characters (exact, case-sensitive match).</summary>
    bool TryResolve(ReadOnlySpan<char> symbol, out InstrumentId id);

    /// <summary>Resolves a symbol given as UTF-8 bytes (exact, case-sensitive match).</summary>
    bool TryResolveUtf8(ReadOnlySpan<byte> symbol, out InstrumentId id);
}
