using System.Text.Json;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// Loads <c>config/instruments.json</c> into an <see cref="InstrumentCatalog"/>, checking everything and reporting
/// every problem at once with its JSON path (<c>config/instruments.json: instruments[3].tickSize: ...</c>).
/// </summary>
/// <remarks>
/// <para>Shape: <c>{ "calendars": { name: definition, ... }, "instruments": [ instrument, ... ] }</c>.</para>
/// <para>A calendar is <c>{ "type": "exchange", "timeZone": IANA id, "open": "HH:mm", "close": "HH:mm",
/// "tradingDays": [weekday names] (default Monday–Friday), "holidays": ["yyyy-MM-dd", ...],
/// "earlyCloses": { "yyyy-MM-dd": "HH:mm" } }</c>, <c>{ "type": "fx24x5" }</c> or <c>{ "type": "always" }</c>.</para>
/// <para>An instrument has <c>symbol</c>, <c>assetClass</c> (STOCK, FOREX, CRYPTO), <c>quoteCurrency</c>,
/// <c>tickSize</c>, <c>sector</c>, <c>country</c> and <c>calendar</c>; tradable ones also <c>lotSize</c> and
/// <c>minNotional</c> (reference series default to 1 and 0), and FX and crypto ones <c>baseCurrency</c> (others
/// default it to the quote currency). Optional: <c>name</c>, <c>kind</c> (tradable, index, volatility,
/// interestRate, sentiment; default tradable), and <c>currency</c>, which interest-rate series require. Decimal
/// amounts are JSON numbers or strings with at most 8 decimals. Ids are positions in the array.</para>
/// </remarks>
public static class InstrumentCatalogLoader
{
    /// <summary>Where the engine looks for the catalogue, relative to the repository root.</summary>
    public const string DefaultPath = "config/instruments.json";

    private static readonly string[] InstrumentFields =
    [
        "symbol", "name", "assetClass", "kind", "baseCurrency", "quoteCurrency", "tickSize", "lotSize", "minNotional",
        "sector", "country", "calendar", "currency",
    ];

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="source">Name used in error messages; the path when null.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; lists every problem.</exception>
    public static InstrumentCatalog Load(string path, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = ConfigText.Read(path, source ?? path, "instrument catalogue");

        return Parse(json, source ?? path);
    }

    /// <summary>Parses and validates catalogue JSON.</summary>
    /// <param name="json">The document.</param>
    /// <param name="source">Name used in error messages (e.g. "config/instruments.json").</param>
    /// <exception cref="ConfigurationException">The JSON is malformed or invalid; lists every problem.</exception>
    public static InstrumentCatalog Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var document = ConfigText.Parse(json, source);

        using (document)
        {
            var reader = new JsonSectionReader(source);
            var root = document.RootElement;
            if (!reader.ExpectObject(root, "(root)"))
            {
                reader.ThrowIfAny();
            }

            reader.RejectUnknown(root, string.Empty, "calendars", "instruments");
            var invalidCalendars = new HashSet<string>(StringComparer.Ordinal);
            Dictionary<string, TradingCalendar> calendars;
            if (root.TryGetProperty("calendars", out var calendarsElement))
            {
                calendars = TradingCalendarReader.Read(calendarsElement, reader, "calendars", invalidCalendars);
            }
            else
            {
                reader.Error("calendars", "required field is missing");
                calendars = new Dictionary<string, TradingCalendar>(StringComparer.Ordinal);
            }

            var instruments = ReadInstruments(root, reader, calendars, invalidCalendars);
            reader.ThrowIfAny();
            return new InstrumentCatalog(instruments, calendars);
        }
    }

    private static List<Instrument> ReadInstruments(
        JsonElement root,
        JsonSectionReader reader,
        Dictionary<string, TradingCalendar> calendars,
        HashSet<string> invalidCalendars)
    {
        var instruments = new List<Instrument>();
        var firstPathBySymbol = new Dictionary<string, string>(StringComparer.Ordinal);
        var ratePathByCurrency = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = reader.Array(root, string.Empty, "instruments", required: true).ToList();
        if (items.Count == 0 && root.TryGetProperty("instruments", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            reader.Error("instruments", "at least one instrument is required");
        }

        foreach (var (item, path) in items)
        {
            if (!reader.ExpectObject(item, path))
            {
                continue;
            }

            reader.RejectUnknown(item, path, InstrumentFields);

            var symbol = reader.String(item, path, "symbol", required: true);
            if (symbol is not null)
            {
                if (symbol.Length > SymbolTable.MaxSymbolLength || symbol.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                {
                    reader.Error(JsonSectionReader.Join(path, "symbol"), $"'{symbol}' must be 1 to {SymbolTable.MaxSymbolLength} characters without spaces");
                    symbol = null;
                }
                else if (!firstPathBySymbol.TryAdd(symbol, path))
                {
                    reader.Error(JsonSectionReader.Join(path, "symbol"), $"duplicate symbol '{symbol}' (first defined at {firstPathBySymbol[symbol]})");
                }
            }

            var assetClass = ReadAssetClass(item, reader, path);
            var kind = reader.Enum(item, path, "kind", InstrumentKind.Tradable);
            bool tradable = kind == InstrumentKind.Tradable;

            var quote = Currency(item, reader, path, "quoteCurrency", required: true);
            bool needsBase = tradable && assetClass is AssetClass.Forex or AssetClass.Crypto;
            var givenBase = Currency(item, reader, path, "baseCurrency", required: needsBase);
            var baseCurrency = givenBase ?? quote;
            if (tradable && assetClass == AssetClass.Forex && givenBase is not null && givenBase == quote)
            {
                reader.Error(JsonSectionReader.Join(path, "baseCurrency"), $"an FX pair needs two different currencies but base and quote are both {quote}");
            }

            var tick = Decimal(item, reader, path, "tickSize", required: true, fallback: null, allowZero: false);
            var lot = Decimal(item, reader, path, "lotSize", required: tradable, fallback: FixedPoint.Scale, allowZero: false);
            var minNotional = Decimal(item, reader, path, "minNotional", required: tradable, fallback: 0, allowZero: true);

            var sector = reader.String(item, path, "sector", required: true);
            var country = reader.String(item, path, "country", required: true);
            if (country is not null && country != "Global" && !(country.Length == 2 && country.All(char.IsAsciiLetterUpper)))
            {
                reader.Error(JsonSectionReader.Join(path, "country"), $"'{country}' is not a two-letter upper-case country code (e.g. US, JP, EU) or \"Global\"");
            }

            var calendar = ReadCalendar(item, reader, path, calendars, invalidCalendars);

            string? rateCurrency = null;
            if (kind == InstrumentKind.InterestRate)
            {
                rateCurrency = Currency(item, reader, path, "currency", required: true);
                if (rateCurrency is not null && !ratePathByCurrency.TryAdd(rateCurrency, path))
                {
                    reader.Error(JsonSectionReader.Join(path, "currency"), $"{rateCurrency} already has a policy-rate series (at {ratePathByCurrency[rateCurrency]})");
                }
            }
            else if (item.TryGetProperty("currency", out _))
            {
                reader.Error(JsonSectionReader.Join(path, "currency"), "only interestRate series name the currency of their rate (set \"kind\": \"interestRate\" or remove the field)");
            }

            if (symbol is null || assetClass is null || quote is null || baseCurrency is null || tick is null || lot is null
                || minNotional is null || sector is null || country is null || calendar is null)
            {
                continue; // errors were recorded above; the catalogue will not be built.
            }

            instruments.Add(new Instrument
            {
                Id = new InstrumentId(instruments.Count),
                Symbol = symbol,
                Name = reader.String(item, path, "name", required: false) ?? symbol,
                AssetClass = assetClass.Value,
                Kind = kind,
                BaseCurrency = baseCurrency,
                QuoteCurrency = quote,
                TickSize = Price.FromRaw(tick.Value),
                LotSize = Quantity.FromRaw(lot.Value),
                MinNotional = Money.FromRaw(minNotional.Value),
                Sector = sector,
                Country = country,
                Calendar = calendar,
                Currency = rateCurrency,
            });
        }

        return instruments;
    }

    private static AssetClass? ReadAssetClass(JsonElement item, JsonSectionReader reader, string path)
    {
        var text = reader.String(item, path, "assetClass", required: true);
        if (text is null)
        {
            return null;
        }

        if (AssetClassNames.TryParse(text, out var assetClass))
        {
            return assetClass;
        }

        reader.Error(JsonSectionReader.Join(path, "assetClass"), $"unknown asset class '{text}' (expected one of: {AssetClassNames.AllowedValues})");
        return null;
    }

    private static TradingCalendar? ReadCalendar(
        JsonElement item,
        JsonSectionReader reader,
        string path,
        Dictionary<string, TradingCalendar> calendars,
        HashSet<string> invalidCalendars)
    {
        var name = reader.String(item, path, "calendar", required: true);
        if (name is null)
        {
            return null;
        }

        if (calendars.TryGetValue(name, out var calendar))
        {
            return calendar;
        }

        // A calendar that is defined but broken has been reported already; do not repeat it per instrument.
        if (!invalidCalendars.Contains(name))
        {
            var defined = string.Join(", ", calendars.Keys.Concat(invalidCalendars).Order(StringComparer.Ordinal));
            reader.Error(JsonSectionReader.Join(path, "calendar"), $"unknown calendar '{name}' (defined: {(defined.Length == 0 ? "none" : defined)})");
        }

        return null;
    }

    private static string? Currency(JsonElement item, JsonSectionReader reader, string path, string name, bool required)
    {
        var code = reader.String(item, path, name, required);
        if (code is null)
        {
            return null;
        }

        if (code.Length is >= 3 and <= 5 && code.All(char.IsAsciiLetterUpper))
        {
            return code;
        }

        reader.Error(JsonSectionReader.Join(path, name), $"'{code}' is not a currency code (3 to 5 upper-case letters, e.g. USD, JPY, BTC, USDT)");
        return null;
    }

    /// <summary>A fixed-point amount (raw units at 8 decimals); a JSON number or a string, parsed exactly.</summary>
    private static long? Decimal(JsonElement item, JsonSectionReader reader, string path, string name, bool required, long? fallback, bool allowZero)
    {
        var fieldPath = JsonSectionReader.Join(path, name);
        if (!item.TryGetProperty(name, out var value))
        {
            if (required)
            {
                reader.Error(fieldPath, "required field is missing");
                return null;
            }

            return fallback;
        }

        // The raw text keeps 0.00001 exact; going through double would not.
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        if (text is null || !FixedPoint.TryParse(text, out long raw))
        {
            reader.Error(fieldPath, $"expected a decimal number with at most {FixedPoint.Decimals} decimals (e.g. 0.01) but found {value.GetRawText()}");
            return null;
        }

        if (raw < 0 || (raw == 0 && !allowZero))
        {
            reader.Error(fieldPath, $"{text} must be {(allowZero ? "zero or positive" : "positive")}");
            return null;
        }

        return raw;
    }
}
