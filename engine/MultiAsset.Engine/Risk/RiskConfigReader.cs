using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Reads <c>config/risk.json</c> into a <see cref="RiskConfig"/>, resolving account names, asset classes and symbols to
/// dense ids and reporting every problem at once with file and JSON path
/// (<c>config/risk.json: accounts.fx-carry.assetClasses.FOREX.maxAllocation: 140 is out of range [0, 100]</c>).
/// </summary>
/// <remarks>
/// <para>Shape: <c>{ "duplicateMemory": 16, "global": section, "accounts": { "&lt;account name&gt;": section } }</c>; every
/// part is optional (an empty file limits nothing).</para>
/// <para>A section (global or account) may hold the account-wide settings <c>maxLeverage</c> (multiple of equity),
/// <c>maxDrawdown</c> (percent), <c>dailyLossLimit</c> (base currency), <c>orderRate</c>
/// (<c>{ "maxOrders": 20, "window": "1s" }</c> or <c>"off"</c>), <c>duplicateWindow</c> (duration or <c>"off"</c>),
/// <c>closedMarket</c> (<c>Reject</c> | <c>Hold</c>), <c>cashOnly</c>, <c>stopLossBasis</c> (<c>Entry</c> | <c>Peak</c>) and
/// <c>varLimit</c> (<c>{ "budget": 25000, "confidence": 0.99, "horizon": "1d" }</c> — budget in the account's base
/// currency, required; confidence a fraction in (0.5, 1), default 0.99; horizon a duration, default 1d — or <c>"off"</c>;
/// an account's <c>varLimit</c> replaces the global one as a whole, see <see cref="VarBudget"/>);
/// the order limits <c>maxOrderQuantity</c>, <c>maxOrderNotional</c> (base currency), <c>priceCollar</c> (fraction of the
/// mid, e.g. 0.05) and <c>positionLimit</c> (<c>{ "quantity": q, "notional": n }</c>, either or both); and
/// <c>assetClasses</c> (<c>{ "CRYPTO": { ... } }</c>) and <c>instruments</c> (<c>{ "BTCUSD": { ... } }</c>) subsections.
/// An asset-class subsection holds the seed's four limits — <c>maxAllocation</c>, <c>maxDrawdown</c>,
/// <c>stopLossThreshold</c> (percent, as in the seed: 40 = 40 %) and <c>maxLeverage</c> (a multiple) — and the order
/// limits; an instrument subsection only the order limits.</para>
/// <para>Resolution, from least to most specific, each later level overriding field by field: global, global class,
/// global instrument, account, account class, account instrument. So an account's own settings always beat the
/// global ones. Accounts the file does not name get the global settings.</para>
/// </remarks>
public static class RiskConfigReader
{
    /// <summary>Where the engine looks for the file, relative to the repository root.</summary>
    public const string DefaultPath = "config/risk.json";

    private static readonly string[] RootFields = ["duplicateMemory", "global", "accounts"];

    private static readonly string[] OrderFields = ["maxOrderQuantity", "maxOrderNotional", "priceCollar", "positionLimit"];

    private static readonly string[] ClassFields = ["maxAllocation", "maxDrawdown", "maxLeverage", "stopLossThreshold", .. OrderFields];

    private static readonly string[] SectionFields =
    [
        "maxLeverage", "maxDrawdown", "dailyLossLimit", "orderRate", "duplicateWindow", "closedMarket", "cashOnly", "stopLossBasis",
        "varLimit", .. OrderFields, "assetClasses", "instruments",
    ];

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="catalog">The instruments symbols resolve against.</param>
    /// <param name="accountNames">Account names by dense id (the account registry's order).</param>
    /// <param name="source">Name used in error messages; the path when null.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; lists every problem.</exception>
    public static RiskConfig Load(string path, InstrumentCatalog catalog, IReadOnlyList<string> accountNames, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = ConfigText.Read(path, source ?? path, "risk limits");

        return Parse(json, source ?? path, catalog, accountNames);
    }

    /// <summary>Parses and validates risk-limit JSON.</summary>
    /// <exception cref="ConfigurationException">The JSON is malformed or invalid; lists every problem.</exception>
    public static RiskConfig Parse(string json, string source, InstrumentCatalog catalog, IReadOnlyList<string> accountNames)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var document = ConfigText.Parse(json, source);

        using (document)
        {
            var reader = new JsonSectionReader(source);
            var config = Read(document.RootElement, reader, string.Empty, catalog, accountNames);
            reader.ThrowIfAny();
            return config!;
        }
    }

    /// <summary>
    /// Reads a risk document already parsed (the whole file, or a section of another), recording problems in
    /// <paramref name="reader"/>; returns null when there were any.
    /// </summary>
    /// <param name="root">The document (or section) object.</param>
    /// <param name="reader">Collects errors, prefixed with the file name.</param>
    /// <param name="path">JSON path of <paramref name="root"/> in its file; empty for a whole file.</param>
    /// <param name="catalog">The instruments symbols resolve against.</param>
    /// <param name="accountNames">Account names by dense id.</param>
    public static RiskConfig? Read(JsonElement root, JsonSectionReader reader, string path, InstrumentCatalog catalog, IReadOnlyList<string> accountNames)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(accountNames);
        int errorsBefore = reader.Errors.Count;
        if (!reader.ExpectObject(root, path.Length == 0 ? "(root)" : path))
        {
            return null;
        }

        reader.RejectUnknown(root, path, RootFields);
        int duplicateMemory = (int)reader.Integer(root, path, "duplicateMemory", RiskConfig.DefaultDuplicateMemory, 1, 1024);
        var global = root.TryGetProperty("global", out var globalElement)
            ? ReadSection(globalElement, JsonSectionReader.Join(path, "global"), reader, catalog)
            : new RiskOverrides();
        var perAccount = new RiskOverrides?[accountNames.Count];
        var accountsPath = JsonSectionReader.Join(path, "accounts");
        if (root.TryGetProperty("accounts", out var accounts) && reader.ExpectObject(accounts, accountsPath))
        {
            foreach (var property in accounts.EnumerateObject())
            {
                var accountPath = JsonSectionReader.Join(accountsPath, property.Name);
                int id = IndexOf(accountNames, property.Name);
                var section = ReadSection(property.Value, accountPath, reader, catalog);
                if (id < 0)
                {
                    reader.Error(accountPath, $"unknown account '{property.Name}' (known: {(accountNames.Count == 0 ? "none" : string.Join(", ", accountNames))})");
                }
                else
                {
                    perAccount[id] = section;
                }
            }
        }

        if (reader.Errors.Count > errorsBefore)
        {
            return null;
        }

        var classes = catalog.Instruments.Select(i => i.AssetClass).ToArray();
        return RiskConfig.Create(
            accountNames,
            classes,
            a => ResolveAccount(global, perAccount[a.Value]),
            (a, c) => ResolveClass(global, perAccount[a.Value], c),
            (a, i) => ResolveInstrument(global, perAccount[a.Value], i.Value, classes[i.Value]),
            duplicateMemory);
    }

    private static AccountRiskLimits ResolveAccount(RiskOverrides global, RiskOverrides? account)
    {
        var limits = global.OverlayAccount(AccountRiskLimits.Unlimited);
        return account is null ? limits : account.OverlayAccount(limits);
    }

    private static ClassRiskLimits ResolveClass(RiskOverrides global, RiskOverrides? account, AssetClass assetClass)
    {
        var limits = ClassRiskLimits.Unlimited;
        limits = global.Classes[(int)assetClass]?.OverlayClass(limits) ?? limits;
        return account?.Classes[(int)assetClass]?.OverlayClass(limits) ?? limits;
    }

    private static InstrumentRiskLimits ResolveInstrument(RiskOverrides global, RiskOverrides? account, int instrument, AssetClass assetClass)
    {
        var limits = InstrumentRiskLimits.Unlimited;
        RiskOverrides?[] sections = [global, account];
        foreach (var section in sections)
        {
            if (section is null)
            {
                continue;
            }

            limits = section.OverlayInstrument(limits);
            limits = section.Classes[(int)assetClass]?.OverlayInstrument(limits) ?? limits;
            limits = section.Instruments.TryGetValue(instrument, out var own) ? own.OverlayInstrument(limits) : limits;
        }

        return limits;
    }

    private static RiskOverrides ReadSection(JsonElement section, string path, JsonSectionReader reader, InstrumentCatalog catalog)
    {
        var overrides = new RiskOverrides();
        if (!reader.ExpectObject(section, path))
        {
            return overrides;
        }

        reader.RejectUnknown(section, path, SectionFields);
        overrides.MaxLeverage = Ratio(section, path, "maxLeverage", reader, RatioUnit.Multiple);
        overrides.MaxDrawdown = Ratio(section, path, "maxDrawdown", reader, RatioUnit.Percent);
        overrides.DailyLossLimit = Amount(section, path, "dailyLossLimit", reader) is { } loss ? Money.FromRaw(loss) : null;
        overrides.OrderRate = OrderRate(section, path, reader);
        overrides.DuplicateWindowNanos = OptionalDuration(section, path, "duplicateWindow", reader);
        overrides.Var = VarLimitOf(section, path, reader);
        if (section.TryGetProperty("closedMarket", out _))
        {
            overrides.ClosedMarket = reader.Enum(section, path, "closedMarket", ClosedMarketPolicy.Reject);
        }

        if (section.TryGetProperty("stopLossBasis", out _))
        {
            overrides.StopLossBasis = reader.Enum(section, path, "stopLossBasis", StopLossBasis.Entry);
        }

        if (section.TryGetProperty("cashOnly", out var cashOnly))
        {
            if (cashOnly.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                overrides.CashOnly = cashOnly.GetBoolean();
            }
            else
            {
                reader.Error(JsonSectionReader.Join(path, "cashOnly"), $"expected true or false but found {cashOnly.GetRawText()}");
            }
        }

        ReadOrderLimits(section, path, reader, overrides);
        if (section.TryGetProperty("assetClasses", out var classes) && reader.ExpectObject(classes, JsonSectionReader.Join(path, "assetClasses")))
        {
            foreach (var property in classes.EnumerateObject())
            {
                var classPath = JsonSectionReader.Join(JsonSectionReader.Join(path, "assetClasses"), property.Name);
                if (!AssetClassNames.TryParse(property.Name, out var assetClass))
                {
                    reader.Error(classPath, $"unknown asset class '{property.Name}' (expected one of: {AssetClassNames.AllowedValues})");
                    continue;
                }

                if (overrides.Classes[(int)assetClass] is not null)
                {
                    reader.Error(classPath, $"asset class {AssetClassNames.ToSeedName(assetClass)} is given twice");
                    continue;
                }

                overrides.Classes[(int)assetClass] = ReadClass(property.Value, classPath, reader);
            }
        }

        if (section.TryGetProperty("instruments", out var instruments) && reader.ExpectObject(instruments, JsonSectionReader.Join(path, "instruments")))
        {
            foreach (var property in instruments.EnumerateObject())
            {
                var instrumentPath = JsonSectionReader.Join(JsonSectionReader.Join(path, "instruments"), property.Name);
                if (!catalog.TryGet(property.Name, out var instrument))
                {
                    reader.Error(instrumentPath, $"unknown symbol '{property.Name}' (not in the instrument catalogue)");
                    continue;
                }

                if (!instrument.IsTradable)
                {
                    reader.Error(instrumentPath, $"'{property.Name}' is a reference series ({instrument.Kind}) and cannot be traded");
                    continue;
                }

                var own = new RiskOverrides();
                if (reader.ExpectObject(property.Value, instrumentPath))
                {
                    reader.RejectUnknown(property.Value, instrumentPath, OrderFields);
                    ReadOrderLimits(property.Value, instrumentPath, reader, own);
                }

                overrides.Instruments[instrument.Id.Value] = own;
            }
        }

        return overrides;
    }

    private static RiskOverrides ReadClass(JsonElement element, string path, JsonSectionReader reader)
    {
        var overrides = new RiskOverrides();
        if (!reader.ExpectObject(element, path))
        {
            return overrides;
        }

        reader.RejectUnknown(element, path, ClassFields);
        overrides.MaxAllocation = Ratio(element, path, "maxAllocation", reader, RatioUnit.Percent, allowZero: true);
        overrides.MaxDrawdown = Ratio(element, path, "maxDrawdown", reader, RatioUnit.Percent);
        overrides.MaxLeverage = Ratio(element, path, "maxLeverage", reader, RatioUnit.Multiple);
        overrides.StopLossThreshold = Ratio(element, path, "stopLossThreshold", reader, RatioUnit.Percent);
        ReadOrderLimits(element, path, reader, overrides);
        return overrides;
    }

    private static void ReadOrderLimits(JsonElement element, string path, JsonSectionReader reader, RiskOverrides overrides)
    {
        overrides.MaxOrderQuantity = Amount(element, path, "maxOrderQuantity", reader) is { } q ? Quantity.FromRaw(q) : null;
        overrides.MaxOrderNotional = Amount(element, path, "maxOrderNotional", reader) is { } n ? Money.FromRaw(n) : null;
        overrides.PriceCollar = Ratio(element, path, "priceCollar", reader, RatioUnit.Fraction);
        if (!element.TryGetProperty("positionLimit", out var limit))
        {
            return;
        }

        var limitPath = JsonSectionReader.Join(path, "positionLimit");
        if (!reader.ExpectObject(limit, limitPath))
        {
            return;
        }

        reader.RejectUnknown(limit, limitPath, "quantity", "notional");
        overrides.PositionLimitQuantity = Amount(limit, limitPath, "quantity", reader) is { } pq ? Quantity.FromRaw(pq) : null;
        overrides.PositionLimitNotional = Amount(limit, limitPath, "notional", reader) is { } pn ? Money.FromRaw(pn) : null;
        if (!limit.TryGetProperty("quantity", out _) && !limit.TryGetProperty("notional", out _))
        {
            reader.Error(limitPath, "give \"quantity\", \"notional\" or both");
        }
    }

    private static (int, long)? OrderRate(JsonElement section, string path, JsonSectionReader reader)
    {
        if (!section.TryGetProperty("orderRate", out var rate))
        {
            return null;
        }

        var ratePath = JsonSectionReader.Join(path, "orderRate");
        if (rate.ValueKind == JsonValueKind.String && rate.GetString() == "off")
        {
            return (0, 0);
        }

        if (rate.ValueKind != JsonValueKind.Object)
        {
            reader.Error(ratePath, $"expected {{ \"maxOrders\": n, \"window\": \"1s\" }} or \"off\" but found {rate.GetRawText()}");
            return null;
        }

        reader.RejectUnknown(rate, ratePath, "maxOrders", "window");
        int errors = reader.Errors.Count;
        // The ring of send times per account has maxOrders slots, so keep it to what a throttle plausibly needs.
        int maxOrders = (int)reader.Integer(rate, ratePath, "maxOrders", 0, 1, 100_000, required: true);
        var window = reader.Duration(rate, ratePath, "window", TimeSpan.Zero, required: true);
        return reader.Errors.Count > errors ? null : (maxOrders, window.Ticks * 100);
    }

    /// <summary>
    /// <c>varLimit</c>: <c>{ "budget": b, "confidence": c, "horizon": "1d" }</c> or <c>"off"</c> (null when absent,
    /// <c>default</c> when off). A confidence above 1 is refused with a hint, since 99 is almost surely meant as 99 %.
    /// </summary>
    private static VarLimit? VarLimitOf(JsonElement section, string path, JsonSectionReader reader)
    {
        if (!section.TryGetProperty("varLimit", out var limit))
        {
            return null;
        }

        var limitPath = JsonSectionReader.Join(path, "varLimit");
        if (limit.ValueKind == JsonValueKind.String && limit.GetString() == "off")
        {
            return default(VarLimit);
        }

        if (limit.ValueKind != JsonValueKind.Object)
        {
            reader.Error(limitPath, $"expected {{ \"budget\": 25000, \"confidence\": 0.99, \"horizon\": \"1d\" }} or \"off\" but found {limit.GetRawText()}");
            return null;
        }

        reader.RejectUnknown(limit, limitPath, "budget", "confidence", "horizon");
        int errors = reader.Errors.Count;
        var budget = Amount(limit, limitPath, "budget", reader);
        if (budget is null && !limit.TryGetProperty("budget", out _))
        {
            reader.Error(JsonSectionReader.Join(limitPath, "budget"), "required field is missing (the VaR budget in the account's base currency)");
        }

        double confidence = VarLimit.DefaultConfidence;
        if (limit.TryGetProperty("confidence", out var value))
        {
            var confidencePath = JsonSectionReader.Join(limitPath, "confidence");
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out confidence))
            {
                reader.Error(confidencePath, $"expected a number but found {value.GetRawText()}");
            }
            else if (confidence > 1 && confidence <= 100)
            {
                reader.Error(confidencePath, $"{value.GetRawText()} looks like a percent: the confidence is a fraction, e.g. 0.99 for 99 %");
            }
            else if (!(confidence > 0.5 && confidence < 1))
            {
                reader.Error(confidencePath, $"{value.GetRawText()} is out of range (0.5, 1) (a fraction, e.g. 0.99)");
            }
        }

        var horizon = reader.Duration(limit, limitPath, "horizon", TimeSpan.FromTicks(VarLimit.DefaultHorizonNanoseconds / 100));
        if (horizon <= TimeSpan.Zero)
        {
            reader.Error(JsonSectionReader.Join(limitPath, "horizon"), "must be positive");
        }

        return reader.Errors.Count > errors || budget is null ? null : new VarLimit(Money.FromRaw(budget.Value), confidence, horizon.Ticks * 100);
    }

    private static long? OptionalDuration(JsonElement section, string path, string name, JsonSectionReader reader)
    {
        if (!section.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() == "off")
        {
            return 0;
        }

        int errors = reader.Errors.Count;
        var duration = reader.Duration(section, path, name, TimeSpan.Zero);
        return reader.Errors.Count > errors ? null : duration.Ticks * 100;
    }

    /// <summary>A positive decimal amount (quantity or money) as raw fixed point; the raw text keeps it exact.</summary>
    private static long? Amount(JsonElement element, string path, string name, JsonSectionReader reader)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !FixedPoint.TryParse(value.GetRawText(), out long raw))
        {
            reader.Error(JsonSectionReader.Join(path, name), $"expected a number with at most {FixedPoint.Decimals} decimals but found {value.GetRawText()}");
            return null;
        }

        if (raw <= 0)
        {
            reader.Error(JsonSectionReader.Join(path, name), $"{value.GetRawText()} must be positive");
            return null;
        }

        return raw;
    }

    private static RiskRatio? Ratio(JsonElement element, string path, string name, JsonSectionReader reader, RatioUnit unit, bool allowZero = false)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var fieldPath = JsonSectionReader.Join(path, name);
        if (value.ValueKind != JsonValueKind.Number
            || !decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            reader.Error(fieldPath, $"expected a number but found {value.GetRawText()}");
            return null;
        }

        // Percentages follow the seed (40 = 40 %); leverage is a multiple; the collar a fraction of the mid.
        var (max, description) = unit switch
        {
            RatioUnit.Percent => (100m, "a percentage"),
            RatioUnit.Multiple => (1000m, "a multiple of equity"),
            _ => (1m, "a fraction of the mid"),
        };
        if (number < 0 || number > max || (number == 0 && !allowZero))
        {
            reader.Error(fieldPath, $"{value.GetRawText()} is out of range {(allowZero ? "[" : "(")}0, {max}] ({description})");
            return null;
        }

        return unit == RatioUnit.Percent ? RiskRatio.FromPercent(number) : RiskRatio.FromFraction(number);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private enum RatioUnit
    {
        Percent,
        Multiple,
        Fraction,
    }
}
