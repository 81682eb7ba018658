using System.Text;

namespace MultiAsset.Engine.Model;

/// <summary>
/// A fixed symbol → <see cref="InstrumentId"/> map (ids are the positions in the list it is built from), resolvable
/// from character or UTF-8 spans without allocating.
/// </summary>
public sealed class SymbolTable : ISymbolResolver
{
    /// <summary>Longest symbol accepted; longer input never resolves (and is never copied).</summary>
    public const int MaxSymbolLength = 64;

    private readonly Dictionary<string, InstrumentId> ids;
    private readonly Dictionary<string, InstrumentId>.AlternateLookup<ReadOnlySpan<char>> byChars;

    /// <summary>Builds the table; symbols must be unique, non-empty and at most <see cref="MaxSymbolLength"/> characters.</summary>
    public SymbolTable(IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ids = new Dictionary<string, InstrumentId>(symbols.Count, StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            var symbol = symbols[i];
            if (string.IsNullOrEmpty(symbol) || symbol.Length > MaxSymbolLength)
            {
                throw new ArgumentException($"Symbol #{i} '{symbol}' must be 1 to {MaxSymbolLength} characters.", nameof(symbols));
            }

            if (!ids.TryAdd(symbol, new InstrumentId(i)))
            {
                throw new ArgumentException($"Symbol '{symbol}' appears twice (#{ids[symbol].Value} and #{i}).", nameof(symbols));
            }
        }

        byChars = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        Symbols = symbols.ToArray();
    }

    /// <summary>Symbols by id.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>Number of symbols.</summary>
    public int Count => Symbols.Count;

    /// <inheritdoc />
    public bool TryResolve(ReadOnlySpan<char> symbol, out InstrumentId id)
    {
        if (byChars.TryGetValue(symbol, out id))
        {
            return true;
        }

        id = InstrumentId.None;
        return false;
    }

    /// <inheritdoc />
    public bool TryResolveUtf8(ReadOnlySpan<byte> symbol, out InstrumentId id)
    {
        // UTF-8 never has fewer bytes than UTF-16 has chars, so a symbol longer than the limit in bytes is unknown.
        if (symbol.Length > MaxSymbolLength * 3)
        {
            id = InstrumentId.None;
            return false;
        }

        Span<char> chars = stackalloc char[MaxSymbolLength * 3];
        if (!Encoding.UTF8.TryGetChars(symbol, chars, out var written))
        {
            id = InstrumentId.None;
            return false;
        }

        return TryResolve(chars[..written], out id);
    }
}
