using System.Diagnostics.CodeAnalysis;

namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// The instruments of <c>config/instruments.json</c> by dense id, with symbol resolution for the edges and the
/// groupings strategies and the optimiser ask for. Immutable and thread-safe once built.
/// </summary>
public sealed class InstrumentCatalog : ISymbolResolver
{
    private readonly Instrument[] instruments;
    private readonly SymbolTable symbols;
    private readonly Instrument[][] byClass;
    private readonly Instrument[][] byKind;
    private readonly Instrument[] tradable;
    private readonly Dictionary<string, InstrumentId> rateByCurrency;
    private readonly Dictionary<string, TradingCalendar> calendars;

    /// <summary>
    /// Builds the catalogue. <paramref name="instruments"/> must have ids 0..n-1 in order and unique symbols; interest
    /// rate series must name distinct currencies. <see cref="InstrumentCatalogLoader"/> checks all of this first and
    /// reports it with JSON paths; here a violation is a programming error.
    /// </summary>
    /// <exception cref="ArgumentException">The rules above are broken.</exception>
    public InstrumentCatalog(IReadOnlyList<Instrument> instruments, IReadOnlyDictionary<string, TradingCalendar> calendars)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(calendars);
        this.instruments = [.. instruments];
        var symbolList = new string[this.instruments.Length];
        rateByCurrency = new Dictionary<string, InstrumentId>(StringComparer.Ordinal);
        for (int i = 0; i < this.instruments.Length; i++)
        {
            var instrument = this.instruments[i] ?? throw new ArgumentException($"Instrument #{i} is null.", nameof(instruments));
            if (instrument.Id.Value != i)
            {
                throw new ArgumentException($"Instrument '{instrument.Symbol}' at position {i} has id {instrument.Id.Value}; ids must be dense and in order.", nameof(instruments));
            }

            symbolList[i] = instrument.Symbol;
            if (instrument.Kind == InstrumentKind.InterestRate)
            {
                if (instrument.Currency is null || !rateByCurrency.TryAdd(instrument.Currency, instrument.Id))
                {
                    throw new ArgumentException($"Interest-rate series '{instrument.Symbol}' needs a currency no other rate series has.", nameof(instruments));
                }
            }
        }

        symbols = new SymbolTable(symbolList);
        byClass = Enum.GetValues<AssetClass>().Select(c => this.instruments.Where(x => x.AssetClass == c).ToArray()).ToArray();
        byKind = Enum.GetValues<InstrumentKind>().Select(k => this.instruments.Where(x => x.Kind == k).ToArray()).ToArray();
        tradable = byKind[(int)InstrumentKind.Tradable];
        this.calendars = new Dictionary<string, TradingCalendar>(calendars, StringComparer.Ordinal);
    }

    /// <summary>Number of instruments (ids are 0..Count-1).</summary>
    public int Count => instruments.Length;

    /// <summary>Every instrument, by id.</summary>
    public IReadOnlyList<Instrument> Instruments => instruments;

    /// <summary>The instruments that can be traded (not reference series), in id order.</summary>
    public IReadOnlyList<Instrument> Tradable => tradable;

    /// <summary>The calendars defined in the file, by name.</summary>
    public IReadOnlyDictionary<string, TradingCalendar> Calendars => calendars;

    /// <summary>Symbols by id.</summary>
    public IReadOnlyList<string> Symbols => symbols.Symbols;

    /// <summary>The instrument with dense id <paramref name="id"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">Not an id of this catalogue.</exception>
    public Instrument this[InstrumentId id] => instruments[id.Value];

    /// <summary>The instruments of one asset class (tradable and reference), in id order.</summary>
    public IReadOnlyList<Instrument> OfClass(AssetClass assetClass) => byClass[(int)assetClass];

    /// <summary>The instruments of one kind, in id order.</summary>
    public IReadOnlyList<Instrument> OfKind(InstrumentKind kind) => byKind[(int)kind];

    /// <summary>Looks an instrument up by symbol (exact, case-sensitive).</summary>
    public bool TryGet(string symbol, [NotNullWhen(true)] out Instrument? instrument) => TryGet(symbol.AsSpan(), out instrument);

    /// <summary>Looks an instrument up by symbol given as characters (exact, case-sensitive), without allocating.</summary>
    public bool TryGet(ReadOnlySpan<char> symbol, [NotNullWhen(true)] out Instrument? instrument)
    {
        if (symbols.TryResolve(symbol, out var id))
        {
            instrument = instruments[id.Value];
            return true;
        }

        instrument = null;
        return false;
    }

    /// <summary>
    /// The interest-rate series that is the policy rate of <paramref name="currency"/> (e.g. "USD" → USD_RATE), or
    /// <see cref="InstrumentId.None"/>; strategies take the difference of two to get a pair's rate differential.
    /// </summary>
    public InstrumentId RateOf(string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        return rateByCurrency.TryGetValue(currency, out var id) ? id : InstrumentId.None;
    }

    /// <inheritdoc/>
    public bool TryResolve(ReadOnlySpan<char> symbol, out InstrumentId id) => symbols.TryResolve(symbol, out id);

    /// <inheritdoc/>
    public bool TryResolveUtf8(ReadOnlySpan<byte> symbol, out InstrumentId id) => symbols.TryResolveUtf8(symbol, out id);
}
