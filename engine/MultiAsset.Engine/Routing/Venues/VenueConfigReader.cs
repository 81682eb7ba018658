using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// Reads <c>config/venues.json</c> into a <see cref="VenueConfig"/>, resolving symbols to instrument ids and venue names to
/// venue ids, and reporting every problem at once with file and JSON path
/// (<c>config/venues.json: venues[2].latency.fill: 100us is below the ack latency 250us</c>).
/// </summary>
/// <remarks>
/// <para>Shape (see <c>config/venues.json</c>):</para>
/// <code>
/// {
///   "latencyOptimization": true,
///   "routingPolicy": { "healthWindow": 50, "minHealthSamples": 10, "maxRejectRate": 0.2,
///                      "maxAckLatency": { "STOCK": "2ms", "FOREX": "5ms", "CRYPTO": "100ms" }, "routeRemainder": true },
///   "assetClassRoutes": { "STOCK": ["NYSE-SIM", "NASDAQ-SIM"], "FOREX": [...], "CRYPTO": [...] },
///   "venues": [ {
///     "name": "NYSE-SIM", "assetClasses": ["STOCK"], "instruments": ["AAPL"],
///     "fees": { "makerBps": -0.2, "takerBps": 0.3, "perShare": 0.0005 },
///     "latency": { "ack": "250us", "fill": "400us", "jitter": "50us" },
///     "liquidity": { "halfSpreadMultiplier": 1.0, "levels": 5, "levelSpacingTicks": 1, "depthPerLevel": { "lots": 300 } },
///     "rejectProbability": 0.002, "maxWorkingOrders": 1024, "maxPendingReports": 16384, "seed": 101 } ]
/// }
/// </code>
/// <para>Optional: <c>latencyOptimization</c> and <c>routingPolicy</c> (defaults of <see cref="VenueRoutingPolicy"/>; <c>maxAckLatency</c>
/// is one duration for every class or an object by class), a venue's
/// <c>instruments</c> (all tradable instruments of its classes), <c>fees.perShare</c> (0; STOCK venues only), <c>latency.jitter</c>
/// (0), <c>rejectProbability</c> (0), <c>maxWorkingOrders</c> (1024), <c>maxPendingReports</c> (enough for every working
/// order's reports: maxWorkingOrders × (levels + 3)), <c>seed</c> (derived from the name). <c>depthPerLevel</c> holds exactly one
/// of <c>lots</c> or <c>notional</c> (quote currency). <c>barFill</c> (<c>"close"</c>, <c>"nextOpen"</c>, <c>"nextVwap"</c>;
/// default "close"), <c>barSpreadBps</c> (0; [0, 1000]) and <c>barParticipation</c> (0 = no cap; [0, 1]; the last two only with
/// a next-bar model, which also allows <c>latency.ack</c> and <c>latency.fill</c> of 0) choose how bars fill orders (docs/orders.md, "Bars-only data"). Every asset class a venue trades needs a route, and a route may only
/// name venues that trade its class.</para>
/// </remarks>
public static class VenueConfigReader
{
    /// <summary>Where the engine looks for the file, relative to the repository root.</summary>
    public const string DefaultPath = "config/venues.json";

    /// <summary>Most venues a configuration may define (the router tracks exclusions in a 64-bit mask).</summary>
    public const int MaxVenues = 64;

    /// <summary>Largest fee rate accepted, in basis points either way (10 %).</summary>
    public const decimal MaxFeeBps = 1000m;

    /// <summary>Largest <c>barSpreadBps</c> accepted (10 %).</summary>
    public const decimal MaxBarSpreadBps = 1000m;

    private const int DefaultMaxWorkingOrders = 1024;
    private const int MaxLevels = 64;

    private static readonly string[] RootFields = ["latencyOptimization", "routingPolicy", "assetClassRoutes", "venues"];
    private static readonly string[] PolicyFields = ["healthWindow", "minHealthSamples", "maxRejectRate", "maxAckLatency", "routeRemainder"];
    private static readonly string[] VenueFields =
        ["name", "assetClasses", "instruments", "fees", "latency", "liquidity", "rejectProbability", "maxWorkingOrders", "maxPendingReports", "seed",
         "barFill", "barSpreadBps", "barParticipation"];
    private static readonly string[] FeeFields = ["makerBps", "takerBps", "perShare"];
    private static readonly string[] LatencyFields = ["ack", "fill", "jitter"];
    private static readonly string[] LiquidityFields = ["halfSpreadMultiplier", "levels", "levelSpacingTicks", "depthPerLevel"];
    private static readonly string[] DepthFields = ["lots", "notional"];

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="catalog">The instruments symbols resolve against.</param>
    /// <param name="source">Name used in error messages; the path when null.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; lists every problem.</exception>
    public static VenueConfig Load(string path, InstrumentCatalog catalog, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = ConfigText.Read(path, source ?? path, "venue configuration");

        return Parse(json, source ?? path, catalog);
    }

    /// <summary>Parses and validates venue JSON.</summary>
    /// <exception cref="ConfigurationException">The JSON is malformed or invalid; lists every problem.</exception>
    public static VenueConfig Parse(string json, string source, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(catalog);
        var document = ConfigText.Parse(json, source);

        using (document)
        {
            var reader = new JsonSectionReader(source);
            var config = Read(document.RootElement, reader, catalog);
            reader.ThrowIfAny();
            return config!;
        }
    }

    /// <summary>Reads a parsed document, recording problems in <paramref name="reader"/>; null when there were any.</summary>
    public static VenueConfig? Read(JsonElement root, JsonSectionReader reader, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(catalog);
        int errorsBefore = reader.Errors.Count;
        if (!reader.ExpectObject(root, "(root)"))
        {
            return null;
        }

        reader.RejectUnknown(root, string.Empty, RootFields);
        var policy = ReadPolicy(root, reader);
        var venues = new List<VenueDefinition>();
        foreach (var (item, path) in reader.Array(root, string.Empty, "venues", required: true))
        {
            if (ReadVenue(item, path, new VenueId(venues.Count), reader, catalog) is { } venue)
            {
                if (venues.Any(v => v is not null && v.Name == venue.Name))
                {
                    reader.Error(JsonSectionReader.Join(path, "name"), $"duplicate venue name '{venue.Name}'");
                }

                venues.Add(venue);
            }
            else
            {
                // Keep ids aligned with file positions even when an entry is invalid (the run fails anyway).
                venues.Add(null!);
            }
        }

        if (venues.Count == 0 && reader.Errors.Count == errorsBefore)
        {
            reader.Error("venues", "at least one venue is required");
        }
        else if (venues.Count > MaxVenues)
        {
            reader.Error("venues", $"{venues.Count} venues is more than the {MaxVenues} supported");
        }

        var routes = ReadRoutes(root, reader, venues);
        if (reader.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new VenueConfig(venues, routes, policy);
    }

    private static VenueRoutingPolicy ReadPolicy(JsonElement root, JsonSectionReader reader)
    {
        var policy = VenueRoutingPolicy.Default;
        if (ReadBool(root, string.Empty, "latencyOptimization", reader) is { } latencyOptimization)
        {
            policy = policy with { LatencyOptimization = latencyOptimization };
        }

        if (!root.TryGetProperty("routingPolicy", out var section) || !reader.ExpectObject(section, "routingPolicy"))
        {
            return policy;
        }

        const string path = "routingPolicy";
        reader.RejectUnknown(section, path, PolicyFields);
        int window = (int)reader.Integer(section, path, "healthWindow", policy.HealthWindow, 1, 4096);
        int minSamples = (int)reader.Integer(section, path, "minHealthSamples", policy.MinHealthSamples, 1, 4096);
        if (minSamples > window)
        {
            reader.Error(JsonSectionReader.Join(path, "minHealthSamples"), $"{minSamples} is more than the health window {window}");
        }

        var maxRejectRate = ReadDecimal(section, path, "maxRejectRate", reader, 0m, 1m) ?? (decimal)policy.MaxRejectRate;
        var routeRemainder = ReadBool(section, path, "routeRemainder", reader) ?? policy.RouteRemainder;
        policy = policy with
        {
            HealthWindow = window,
            MinHealthSamples = minSamples,
            MaxRejectRate = (double)maxRejectRate,
            RouteRemainder = routeRemainder,
        };
        return ReadMaxAckLatency(section, path, reader, policy);
    }

    // "maxAckLatency": "5ms" for every class, or { "STOCK": "2ms", "CRYPTO": "100ms" } per class (others keep the default).
    private static VenueRoutingPolicy ReadMaxAckLatency(JsonElement section, string path, JsonSectionReader reader, VenueRoutingPolicy policy)
    {
        if (!section.TryGetProperty("maxAckLatency", out var value))
        {
            return policy;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return ReadNanos(section, path, "maxAckLatency", reader, allowZero: false) is { } all ? policy.WithMaxAckLatency(null, all) : policy;
        }

        var classesPath = JsonSectionReader.Join(path, "maxAckLatency");
        foreach (var property in value.EnumerateObject())
        {
            if (!AssetClassNames.TryParse(property.Name, out var assetClass))
            {
                reader.Error(JsonSectionReader.Join(classesPath, property.Name), $"unknown asset class (expected one of: {AssetClassNames.AllowedValues})");
            }
            else if (ReadNanos(value, classesPath, property.Name, reader, allowZero: false) is { } nanos)
            {
                policy = policy.WithMaxAckLatency(assetClass, nanos);
            }
        }

        return policy;
    }

    private static VenueDefinition? ReadVenue(JsonElement item, string path, VenueId id, JsonSectionReader reader, InstrumentCatalog catalog)
    {
        int errorsBefore = reader.Errors.Count;
        if (!reader.ExpectObject(item, path))
        {
            return null;
        }

        reader.RejectUnknown(item, path, VenueFields);
        string name = reader.String(item, path, "name", required: true) ?? string.Empty;
        var classes = ReadClasses(item, path, reader);
        var instruments = ReadInstruments(item, path, reader, catalog, classes);
        var fees = ReadFees(item, path, reader, classes);
        var (barFill, barSpread, barParticipation) = ReadBarFill(item, path, reader);
        // A next-bar model may be instantaneous (the reference backtest model: zero latency, fees and spread).
        var latency = ReadLatency(item, path, reader, allowZero: barFill != VenueBarFill.Close);
        var liquidity = ReadLiquidity(item, path, reader);
        double rejectProbability = (double)(ReadDecimal(item, path, "rejectProbability", reader, 0m, 0.999999m) ?? 0m);
        int maxWorking = (int)reader.Integer(item, path, "maxWorkingOrders", DefaultMaxWorkingOrders, 1, 1 << 20);
        long minPending = (long)maxWorking * (liquidity.Levels + 3);
        int maxPending = (int)reader.Integer(item, path, "maxPendingReports", Math.Min(minPending, 1 << 24), liquidity.Levels + 2, 1 << 24);
        ulong seed = item.TryGetProperty("seed", out _)
            ? (ulong)reader.Integer(item, path, "seed", 0, 0, long.MaxValue)
            : SeedOf(name);
        if (reader.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new VenueDefinition
        {
            Id = id,
            Name = name,
            AssetClasses = classes,
            Instruments = instruments,
            Fees = fees,
            Latency = latency,
            Liquidity = liquidity,
            RejectProbability = rejectProbability,
            MaxWorkingOrders = maxWorking,
            MaxPendingReports = maxPending,
            Seed = seed,
            BarFill = barFill,
            BarSpreadBpsRaw = FixedPoint.FromDecimal(barSpread),
            BarParticipationRaw = FixedPoint.FromDecimal(barParticipation),
        };
    }

    // barFill ("close" when absent, "nextOpen", "nextVwap"), barSpreadBps [0, MaxBarSpreadBps] and barParticipation [0, 1]
    // (0 = no cap). The spread and the cap are rules of the next-bar models: with "close" (whose book is the liquidity
    // model's) a non-zero value is an error rather than silently ignored.
    private static (VenueBarFill Fill, decimal SpreadBps, decimal Participation) ReadBarFill(JsonElement item, string path, JsonSectionReader reader)
    {
        var fill = VenueBarFill.Close;
        if (item.TryGetProperty("barFill", out var value))
        {
            string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            switch (text)
            {
                case "close":
                    fill = VenueBarFill.Close;
                    break;
                case "nextOpen":
                    fill = VenueBarFill.NextOpen;
                    break;
                case "nextVwap":
                    fill = VenueBarFill.NextVwap;
                    break;
                default:
                    reader.Error(JsonSectionReader.Join(path, "barFill"), $"expected \"nextOpen\", \"close\" or \"nextVwap\" but found {value.GetRawText()}");
                    break;
            }
        }

        decimal spread = ReadDecimal(item, path, "barSpreadBps", reader, 0m, MaxBarSpreadBps) ?? 0m;
        decimal participation = ReadDecimal(item, path, "barParticipation", reader, 0m, 1m) ?? 0m;
        if (fill == VenueBarFill.Close)
        {
            if (spread != 0m)
            {
                reader.Error(JsonSectionReader.Join(path, "barSpreadBps"), "applies only with barFill \"nextOpen\" or \"nextVwap\" (\"close\" fills against the liquidity model's book)");
            }

            if (participation != 0m)
            {
                reader.Error(JsonSectionReader.Join(path, "barParticipation"), "applies only with barFill \"nextOpen\" or \"nextVwap\" (\"close\" fills against the liquidity model's book)");
            }
        }

        return (fill, spread, participation);
    }

    private static AssetClass[] ReadClasses(JsonElement item, string path, JsonSectionReader reader)
    {
        var classes = new List<AssetClass>();
        var items = reader.Array(item, path, "assetClasses", required: true).ToList();
        foreach (var (element, itemPath) in items)
        {
            if (element.ValueKind != JsonValueKind.String || !AssetClassNames.TryParse(element.GetString(), out var assetClass))
            {
                reader.Error(itemPath, $"expected one of {AssetClassNames.AllowedValues} but found {element.GetRawText()}");
            }
            else if (classes.Contains(assetClass))
            {
                reader.Error(itemPath, $"{AssetClassNames.ToSeedName(assetClass)} is listed twice");
            }
            else
            {
                classes.Add(assetClass);
            }
        }

        if (items.Count == 0 && item.TryGetProperty("assetClasses", out var present) && present.ValueKind == JsonValueKind.Array)
        {
            reader.Error(JsonSectionReader.Join(path, "assetClasses"), "at least one asset class is required");
        }

        return [.. classes];
    }

    private static InstrumentId[]? ReadInstruments(JsonElement item, string path, JsonSectionReader reader, InstrumentCatalog catalog, AssetClass[] classes)
    {
        if (!item.TryGetProperty("instruments", out _))
        {
            return null;
        }

        var ids = new List<InstrumentId>();
        foreach (var (element, itemPath) in reader.Array(item, path, "instruments", required: false))
        {
            string? symbol = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            if (symbol is null || !catalog.TryGet(symbol, out var instrument))
            {
                reader.Error(itemPath, $"unknown instrument {element.GetRawText()} (not in the instrument catalogue)");
            }
            else if (!instrument.IsTradable)
            {
                reader.Error(itemPath, $"'{symbol}' is a reference series, not a tradable instrument");
            }
            else if (!classes.Contains(instrument.AssetClass))
            {
                reader.Error(itemPath, $"'{symbol}' is {AssetClassNames.ToSeedName(instrument.AssetClass)}, not one of the venue's asset classes");
            }
            else if (!ids.Contains(instrument.Id))
            {
                ids.Add(instrument.Id);
            }
        }

        return [.. ids];
    }

    private static VenueFeeSchedule ReadFees(JsonElement item, string path, JsonSectionReader reader, AssetClass[] classes)
    {
        var feesPath = JsonSectionReader.Join(path, "fees");
        if (!item.TryGetProperty("fees", out var fees))
        {
            reader.Error(feesPath, "required field is missing");
            return default;
        }

        if (!reader.ExpectObject(fees, feesPath))
        {
            return default;
        }

        reader.RejectUnknown(fees, feesPath, FeeFields);
        decimal maker = ReadDecimal(fees, feesPath, "makerBps", reader, -MaxFeeBps, MaxFeeBps, required: true) ?? 0m;
        decimal taker = ReadDecimal(fees, feesPath, "takerBps", reader, -MaxFeeBps, MaxFeeBps, required: true) ?? 0m;
        decimal perShare = ReadDecimal(fees, feesPath, "perShare", reader, 0m, 1m) ?? 0m;
        if (perShare != 0m && !classes.Contains(AssetClass.Stock))
        {
            reader.Error(JsonSectionReader.Join(feesPath, "perShare"), "a per-share fee applies to STOCK only, and the venue trades no STOCK");
        }

        return new VenueFeeSchedule(maker, taker, Price.FromDecimal(perShare));
    }

    private static VenueLatency ReadLatency(JsonElement item, string path, JsonSectionReader reader, bool allowZero)
    {
        var latencyPath = JsonSectionReader.Join(path, "latency");
        if (!item.TryGetProperty("latency", out var latency))
        {
            reader.Error(latencyPath, "required field is missing");
            return default;
        }

        if (!reader.ExpectObject(latency, latencyPath))
        {
            return default;
        }

        reader.RejectUnknown(latency, latencyPath, LatencyFields);
        long? ackRead = ReadNanos(latency, latencyPath, "ack", reader, allowZero, required: true);
        long? fillRead = ReadNanos(latency, latencyPath, "fill", reader, allowZero, required: true);
        long ack = ackRead ?? 0;
        long fill = fillRead ?? 0;
        long jitter = ReadNanos(latency, latencyPath, "jitter", reader, allowZero: true) ?? 0;
        if (ackRead is not null && fillRead is not null && fill < ack)
        {
            reader.Error(JsonSectionReader.Join(latencyPath, "fill"), $"{fill} ns is below the ack latency {ack} ns (a fill cannot be reported before its ack)");
        }

        return new VenueLatency(ack, fill, jitter);
    }

    private static VenueLiquidityModel ReadLiquidity(JsonElement item, string path, JsonSectionReader reader)
    {
        var liquidityPath = JsonSectionReader.Join(path, "liquidity");
        if (!item.TryGetProperty("liquidity", out var liquidity))
        {
            reader.Error(liquidityPath, "required field is missing");
            return new VenueLiquidityModel(FixedPoint.Scale, 1, 1, 1, Money.Zero);
        }

        if (!reader.ExpectObject(liquidity, liquidityPath))
        {
            return new VenueLiquidityModel(FixedPoint.Scale, 1, 1, 1, Money.Zero);
        }

        reader.RejectUnknown(liquidity, liquidityPath, LiquidityFields);
        decimal multiplier = ReadDecimal(liquidity, liquidityPath, "halfSpreadMultiplier", reader, 0.01m, 100m, required: true) ?? 1m;
        int levels = (int)reader.Integer(liquidity, liquidityPath, "levels", 1, 1, MaxLevels, required: true);
        int spacing = (int)reader.Integer(liquidity, liquidityPath, "levelSpacingTicks", 1, 1, 1_000_000);
        long lots = 0;
        decimal notional = 0;
        var depthPath = JsonSectionReader.Join(liquidityPath, "depthPerLevel");
        if (!liquidity.TryGetProperty("depthPerLevel", out var depth))
        {
            reader.Error(depthPath, "required field is missing");
        }
        else if (reader.ExpectObject(depth, depthPath))
        {
            reader.RejectUnknown(depth, depthPath, DepthFields);
            bool hasLots = depth.TryGetProperty("lots", out _);
            bool hasNotional = depth.TryGetProperty("notional", out _);
            if (hasLots == hasNotional)
            {
                reader.Error(depthPath, "give exactly one of \"lots\" or \"notional\"");
            }
            else if (hasLots)
            {
                lots = reader.Integer(depth, depthPath, "lots", 1, 1, 1_000_000_000);
            }
            else
            {
                notional = ReadDecimal(depth, depthPath, "notional", reader, 0.00000001m, 1_000_000_000m) ?? 1m;
            }
        }

        return new VenueLiquidityModel(FixedPoint.FromDecimal(multiplier), levels, spacing, lots, Money.FromDecimal(notional));
    }

    private static Dictionary<AssetClass, IReadOnlyList<VenueId>> ReadRoutes(JsonElement root, JsonSectionReader reader, List<VenueDefinition> venues)
    {
        var routes = new Dictionary<AssetClass, IReadOnlyList<VenueId>>();
        const string path = "assetClassRoutes";
        if (!root.TryGetProperty(path, out var section))
        {
            reader.Error(path, "required field is missing");
            return routes;
        }

        if (!reader.ExpectObject(section, path))
        {
            return routes;
        }

        foreach (var property in section.EnumerateObject())
        {
            var classPath = JsonSectionReader.Join(path, property.Name);
            if (!AssetClassNames.TryParse(property.Name, out var assetClass))
            {
                reader.Error(classPath, $"unknown asset class (expected one of: {AssetClassNames.AllowedValues})");
                continue;
            }

            if (routes.ContainsKey(assetClass))
            {
                reader.Error(classPath, $"{AssetClassNames.ToSeedName(assetClass)} is routed twice");
                continue;
            }

            routes[assetClass] = ReadRoute(property.Value, classPath, assetClass, reader, venues);
        }

        foreach (var assetClass in Enum.GetValues<AssetClass>())
        {
            var trader = venues.FirstOrDefault(v => v is not null && v.AssetClasses.Contains(assetClass));
            if (trader is not null && !routes.ContainsKey(assetClass))
            {
                reader.Error(JsonSectionReader.Join(path, AssetClassNames.ToSeedName(assetClass)), $"required: venue '{trader.Name}' trades {AssetClassNames.ToSeedName(assetClass)}, so the class needs a route");
            }
        }

        return routes;
    }

    private static List<VenueId> ReadRoute(JsonElement element, string path, AssetClass assetClass, JsonSectionReader reader, List<VenueDefinition> venues)
    {
        var route = new List<VenueId>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            reader.Error(path, $"expected an array of venue names but found {element.ValueKind}");
            return route;
        }

        int index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            var venue = venues.FirstOrDefault(v => v is not null && v.Name == name);
            if (venue is null)
            {
                var known = string.Join(", ", venues.Where(v => v is not null).Select(v => v.Name));
                reader.Error(itemPath, $"unknown venue {item.GetRawText()} (known: {(known.Length == 0 ? "none" : known)})");
            }
            else if (!venue.AssetClasses.Contains(assetClass))
            {
                reader.Error(itemPath, $"venue '{venue.Name}' does not trade {AssetClassNames.ToSeedName(assetClass)}");
            }
            else if (route.Contains(venue.Id))
            {
                reader.Error(itemPath, $"venue '{venue.Name}' is listed twice");
            }
            else
            {
                route.Add(venue.Id);
            }
        }

        if (index == 0)
        {
            reader.Error(path, "a route needs at least one venue");
        }

        return route;
    }

    private static decimal? ReadDecimal(JsonElement obj, string path, string name, JsonSectionReader reader, decimal min, decimal max, bool required = false)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                reader.Error(JsonSectionReader.Join(path, name), "required field is missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            reader.Error(JsonSectionReader.Join(path, name), $"expected a number but found {value.GetRawText()}");
            return null;
        }

        if (number < min || number > max)
        {
            reader.Error(JsonSectionReader.Join(path, name), $"{number} is out of range [{min}, {max}]");
            return null;
        }

        if (decimal.Round(number, FixedPoint.Decimals) != number)
        {
            reader.Error(JsonSectionReader.Join(path, name), $"{number} has more than {FixedPoint.Decimals} decimals");
            return null;
        }

        return number;
    }

    private static long? ReadNanos(JsonElement obj, string path, string name, JsonSectionReader reader, bool allowZero, bool required = false)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                reader.Error(JsonSectionReader.Join(path, name), "required field is missing");
            }

            return null;
        }

        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!NanosecondText.TryParse(text, out long nanos) || (nanos == 0 && !allowZero))
        {
            reader.Error(JsonSectionReader.Join(path, name), $"invalid duration {value.GetRawText()} ({(allowZero ? "non-negative" : "positive")}, {NanosecondText.Expected})");
            return null;
        }

        return nanos;
    }

    private static bool? ReadBool(JsonElement obj, string path, string name, JsonSectionReader reader)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        reader.Error(JsonSectionReader.Join(path, name), $"expected true or false but found {value.GetRawText()}");
        return null;
    }

    // FNV-1a of the name: a stable default seed, so two venues without one still draw different streams.
    private static ulong SeedOf(string name)
    {
        ulong hash = 14_695_981_039_346_656_037;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 1_099_511_628_211;
        }

        return hash;
    }
}
