using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Rules;

namespace MultiAsset.Engine.Signals.Strategies;

/// <summary>
/// Loads and validates strategy documents (<c>config/strategies/*.json</c>). Every problem is reported at once,
/// each with its JSON path, in one <see cref="ConfigurationException"/>, e.g.
/// <c>config/strategies/x.json: executionRules[0].trigger: 1:14: expected a comparison operator ... but found '0.05'</c>.
/// </summary>
/// <remarks>
/// <para>Fields: <c>id</c>?, <c>name</c>, <c>type</c> (Arbitrage | Correlation | Momentum | MeanReversion | Pairs | SmaCross),
/// <c>assetClasses</c> (STOCK | FOREX | CRYPTO), <c>allocation[]</c> (<c>assetClass</c>, <c>targetWeight</c>,
/// <c>minWeight</c>, <c>maxWeight</c>, <c>rebalanceThreshold</c>?; percentages), <c>riskParameters</c>?
/// (<see cref="CrossAssetRiskConfig"/>), <c>executionRules[]</c>? (<c>trigger</c>, <c>action</c> in the rule
/// language, docs/execution-rules.md), <c>rebalancingRules[]</c>? (<c>type</c>, <c>condition</c>, <c>action</c>),
/// <c>account</c>?, <c>instruments[]</c>? (tradable catalogue symbols), <c>parameters</c>? (free object).
/// Unknown fields are errors (they are usually typos), and so are keys written twice and numbers beyond a double
/// (<see cref="StrictJson"/>); <c>id</c>, <c>name</c> and <c>account</c> follow <see cref="IdentifierRules"/>.</para>
/// <para>Checks: weights in [0, 100]; min ≤ max; target in [min, max]; target weights summing to 100
/// (± <see cref="WeightTolerance"/>); exactly one allocation per listed asset class and none for an unlisted one;
/// known instrument symbols; allocation and hedge asset classes of actions among <c>assetClasses</c>; every rule
/// compiled with <see cref="RuleCompiler"/>.</para>
/// <para>A bare <c>interest rate differential</c> reads the strategy's default pair: the first FOREX instrument in
/// <c>instruments</c>, else <see cref="DefaultCarryPair"/> (the seed's carry example names no pair).</para>
/// </remarks>
public static class StrategyDocumentLoader
{
    /// <summary>Allowed deviation of the target weights' sum from 100.</summary>
    public const double WeightTolerance = 1e-9;

    /// <summary>The pair of a bare <c>interest rate differential</c> when the strategy lists no FOREX instrument.</summary>
    public const string DefaultCarryPair = "AUDJPY";

    private static readonly string[] TopLevelFields =
        ["id", "name", "type", "assetClasses", "allocation", "riskParameters", "executionRules", "rebalancingRules", "account", "instruments", "parameters"];

    private static readonly string[] AllocationFields = ["assetClass", "targetWeight", "minWeight", "maxWeight", "rebalanceThreshold"];

    private static readonly string[] LimitFields = ["maxAllocation", "maxDrawdown", "maxLeverage", "stopLossThreshold"];


    /// <summary>Reads and validates the document at <paramref name="path"/>; errors name <paramref name="source"/> (default: the path).</summary>
    /// <exception cref="ConfigurationException">The file is missing, not JSON, or invalid.</exception>
    public static StrategyDocument Load(string path, InstrumentCatalog catalog, RuleCompiler? compiler = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        source ??= path;
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{source}: file not found");
        }

        return Parse(File.ReadAllText(path), source, catalog, compiler);
    }

    /// <summary>Loads every <c>*.json</c> in <paramref name="directory"/> (sorted by file name); ids must be unique.</summary>
    /// <exception cref="ConfigurationException">Any document is invalid (all problems of all files are reported), or two share an id.</exception>
    public static IReadOnlyList<StrategyDocument> LoadDirectory(string directory, InstrumentCatalog catalog, RuleCompiler? compiler = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(catalog);
        compiler ??= DefaultCompiler(catalog);
        var documents = new List<StrategyDocument>();
        var errors = new List<string>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var document = Load(path, catalog, compiler);
                if (ids.TryGetValue(document.Id, out var first))
                {
                    errors.Add($"{path}: id: duplicate strategy id '{document.Id}' (also in {first})");
                }
                else
                {
                    ids.Add(document.Id, path);
                    documents.Add(document);
                }
            }
            catch (ConfigurationException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        return errors.Count > 0 ? throw new ConfigurationException(errors) : documents;
    }

    /// <summary>Parses and validates one document; errors are prefixed with <paramref name="source"/>.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="source">The file name for error messages.</param>
    /// <param name="catalog">The instrument catalogue symbols are checked against.</param>
    /// <param name="compiler">Rule compiler; null = one over <paramref name="catalog"/> and the default analytics timeframes.</param>
    /// <exception cref="ConfigurationException">The text is not JSON, or the document is invalid (every problem listed).</exception>
    public static StrategyDocument Parse(string json, string source, InstrumentCatalog catalog, RuleCompiler? compiler = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(catalog);
        // Comments and trailing commas allowed; a key written twice or a number beyond a double is an error with its path.
        using (var document = ConfigText.Parse(json, source))
        {
            var reader = new JsonSectionReader(source);
            var result = Read(document.RootElement, reader, catalog, compiler ?? DefaultCompiler(catalog));
            reader.ThrowIfAny();
            return result!;
        }
    }

    /// <summary>
    /// The id of a document that gives none: its name in lower case, runs of anything but letters and digits
    /// replaced by one '-' (<c>"FX Carry with Equity Hedge"</c> → <c>fx-carry-with-equity-hedge</c>).
    /// </summary>
    public static string IdFromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    private static void CheckIdentifier(JsonSectionReader reader, string field, string? value)
    {
        if (value is not null && !IdentifierRules.IsValid(value, out var reason))
        {
            reader.Error(field, $"{IdentifierRules.Quote(value)} is not a valid {field}: it {reason}");
        }
    }

    private static RuleCompiler DefaultCompiler(InstrumentCatalog catalog) => new(catalog, new AnalyticsOptions().TimeframeSeconds);

    private static StrategyDocument? Read(JsonElement root, JsonSectionReader reader, InstrumentCatalog catalog, RuleCompiler compiler)
    {
        if (!reader.ExpectObject(root, "$"))
        {
            return null;
        }

        reader.RejectUnknown(root, string.Empty, TopLevelFields);
        var name = reader.String(root, string.Empty, "name", required: true);
        var id = reader.String(root, string.Empty, "id", required: false);
        CheckIdentifier(reader, "name", name);
        CheckIdentifier(reader, "id", id);
        var idDerived = id is null && name is not null;
        id ??= name is null ? string.Empty : IdFromName(name);
        if (idDerived && id.Length == 0)
        {
            reader.Error("name", $"cannot derive an id from '{name}': give an 'id'");
        }

        var type = reader.Enum(root, string.Empty, "type", StrategyType.Momentum, required: true);
        var account = reader.String(root, string.Empty, "account", required: false);
        CheckIdentifier(reader, "account", account);
        account ??= StrategyDocument.DefaultAccount;
        var assetClasses = ReadAssetClasses(root, reader);
        var allocation = ReadAllocation(root, reader, assetClasses);
        var risk = ReadRisk(root, reader, assetClasses, allocation);
        var instruments = ReadInstruments(root, reader, catalog, assetClasses);
        var defaultPair = DefaultPairOf(instruments, catalog);
        var context = new RuleBindingContext { DefaultPair = defaultPair };
        var executionRules = ReadExecutionRules(root, reader, compiler, context, assetClasses);
        var rebalancingRules = ReadRebalancingRules(root, reader, compiler, context, catalog);
        JsonElement? parameters = null;
        if (root.TryGetProperty("parameters", out var p) && reader.ExpectObject(p, "parameters"))
        {
            parameters = p.Clone();
        }

        return new StrategyDocument
        {
            Id = id,
            IdDerived = idDerived,
            Name = name ?? string.Empty,
            Type = type,
            AssetClasses = assetClasses,
            Allocation = allocation,
            RiskParameters = risk,
            ExecutionRules = executionRules,
            RebalancingRules = rebalancingRules,
            Account = account,
            Instruments = instruments,
            Parameters = parameters,
            DefaultPair = defaultPair,
        };
    }

    private static List<AssetClass> ReadAssetClasses(JsonElement root, JsonSectionReader reader)
    {
        var result = new List<AssetClass>();
        var items = reader.Array(root, string.Empty, "assetClasses", required: true).ToList();
        if (root.TryGetProperty("assetClasses", out var array) && array.ValueKind == JsonValueKind.Array && items.Count == 0)
        {
            reader.Error("assetClasses", "at least one asset class is required");
        }

        foreach (var (item, path) in items)
        {
            if (ParseAssetClass(item, path, reader) is { } assetClass)
            {
                if (result.Contains(assetClass))
                {
                    reader.Error(path, $"duplicate asset class '{AssetClassNames.ToSeedName(assetClass)}'");
                }
                else
                {
                    result.Add(assetClass);
                }
            }
        }

        return result;
    }

    private static AssetClass? ParseAssetClass(JsonElement item, string path, JsonSectionReader reader)
    {
        if (item.ValueKind == JsonValueKind.String && AssetClassNames.TryParse(item.GetString(), out var assetClass))
        {
            return assetClass;
        }

        reader.Error(path, $"unknown asset class {Quote(item)} (expected one of: {AssetClassNames.AllowedValues})");
        return null;
    }

    private static List<AssetAllocation> ReadAllocation(JsonElement root, JsonSectionReader reader, List<AssetClass> assetClasses)
    {
        var result = new List<AssetAllocation>();
        var complete = true;
        var sum = 0.0;
        var items = reader.Array(root, string.Empty, "allocation", required: true).ToList();
        foreach (var (item, path) in items)
        {
            if (!reader.ExpectObject(item, path))
            {
                complete = false;
                continue;
            }

            reader.RejectUnknown(item, path, AllocationFields);
            AssetClass? assetClass = null;
            if (item.TryGetProperty("assetClass", out var classElement))
            {
                assetClass = ParseAssetClass(classElement, JsonSectionReader.Join(path, "assetClass"), reader);
            }
            else
            {
                reader.Error(JsonSectionReader.Join(path, "assetClass"), "required field is missing");
            }

            var target = Number(item, path, "targetWeight", reader, required: true);
            var min = Number(item, path, "minWeight", reader, required: true);
            var max = Number(item, path, "maxWeight", reader, required: true);
            var threshold = Number(item, path, "rebalanceThreshold", reader, required: false);
            target = InPercentRange(target, path, "targetWeight", reader);
            min = InPercentRange(min, path, "minWeight", reader);
            max = InPercentRange(max, path, "maxWeight", reader);
            if (threshold is { } t && (t <= 0 || t > 100))
            {
                reader.Error(JsonSectionReader.Join(path, "rebalanceThreshold"), $"{Format(t)} is out of range (0, 100]");
            }

            if (min is { } lo && max is { } hi)
            {
                if (lo > hi)
                {
                    reader.Error(path, $"minWeight {Format(lo)} is greater than maxWeight {Format(hi)}");
                }
                else if (target is { } tw && (tw < lo || tw > hi))
                {
                    reader.Error(JsonSectionReader.Join(path, "targetWeight"), $"{Format(tw)} is outside [minWeight, maxWeight] = [{Format(lo)}, {Format(hi)}]");
                }
            }

            if (target is { } targetWeight)
            {
                sum += targetWeight;
            }
            else
            {
                complete = false;
            }

            if (assetClass is not { } cls)
            {
                continue;
            }

            var className = AssetClassNames.ToSeedName(cls);
            if (!assetClasses.Contains(cls))
            {
                reader.Error(JsonSectionReader.Join(path, "assetClass"), $"'{className}' is not one of the strategy's assetClasses");
            }

            if (result.Exists(a => a.AssetClass == cls))
            {
                reader.Error(JsonSectionReader.Join(path, "assetClass"), $"duplicate allocation for '{className}'");
                continue;
            }

            if (target is { } tgt && min is { } mn && max is { } mx)
            {
                result.Add(new AssetAllocation { AssetClass = cls, TargetWeight = tgt, MinWeight = mn, MaxWeight = mx, RebalanceThreshold = threshold });
            }
        }

        if (complete && items.Count > 0 && Math.Abs(sum - 100) > WeightTolerance)
        {
            reader.Error("allocation", $"target weights sum to {Format(sum)}, not 100");
        }

        if (root.TryGetProperty("allocation", out var allocationElement) && allocationElement.ValueKind == JsonValueKind.Array)
        {
            var allocated = items.Where(i => i.Item.ValueKind == JsonValueKind.Object && i.Item.TryGetProperty("assetClass", out var c)
                    && c.ValueKind == JsonValueKind.String)
                .Select(i => AssetClassNames.TryParse(i.Item.GetProperty("assetClass").GetString(), out var c) ? c : (AssetClass?)null)
                .ToList();
            foreach (var cls in assetClasses.Where(c => !allocated.Contains(c)))
            {
                reader.Error("allocation", $"no allocation for asset class '{AssetClassNames.ToSeedName(cls)}'");
            }
        }

        return result;
    }

    private static CrossAssetRiskConfig ReadRisk(JsonElement root, JsonSectionReader reader, List<AssetClass> assetClasses, List<AssetAllocation> allocation)
    {
        if (!root.TryGetProperty("riskParameters", out var risk))
        {
            return CrossAssetRiskConfig.None;
        }

        if (!reader.ExpectObject(risk, "riskParameters"))
        {
            return CrossAssetRiskConfig.None;
        }

        reader.RejectUnknown(risk, "riskParameters", "assetClassLimits");
        if (!risk.TryGetProperty("assetClassLimits", out var limits) || !reader.ExpectObject(limits, "riskParameters.assetClassLimits"))
        {
            return CrossAssetRiskConfig.None;
        }

        var result = new List<AssetClassRiskLimits>();
        foreach (var property in limits.EnumerateObject())
        {
            var path = $"riskParameters.assetClassLimits.{property.Name}";
            if (!AssetClassNames.TryParse(property.Name, out var cls))
            {
                reader.Error(path, $"unknown asset class '{property.Name}' (expected one of: {AssetClassNames.AllowedValues})");
                continue;
            }

            if (!assetClasses.Contains(cls))
            {
                reader.Error(path, $"'{AssetClassNames.ToSeedName(cls)}' is not one of the strategy's assetClasses");
            }

            if (!reader.ExpectObject(property.Value, path))
            {
                continue;
            }

            var item = property.Value;
            reader.RejectUnknown(item, path, LimitFields);
            var maxAllocation = InPercentRange(Number(item, path, "maxAllocation", reader, required: false), path, "maxAllocation", reader);
            var maxDrawdown = Positive(Number(item, path, "maxDrawdown", reader, required: false), path, "maxDrawdown", reader, upper: 100);
            var maxLeverage = Positive(Number(item, path, "maxLeverage", reader, required: false), path, "maxLeverage", reader, upper: double.MaxValue);
            var stopLoss = Positive(Number(item, path, "stopLossThreshold", reader, required: false), path, "stopLossThreshold", reader, upper: 100);
            if (maxAllocation is { } cap && allocation.Find(a => a.AssetClass == cls) is { } own && own.MaxWeight > cap)
            {
                reader.Error(JsonSectionReader.Join(path, "maxAllocation"), $"{Format(cap)} is below the allocation's maxWeight {Format(own.MaxWeight)}");
            }

            result.Add(new AssetClassRiskLimits
            {
                AssetClass = cls,
                MaxAllocation = maxAllocation,
                MaxDrawdown = maxDrawdown,
                MaxLeverage = maxLeverage,
                StopLossThreshold = stopLoss,
            });
        }

        return new CrossAssetRiskConfig { AssetClassLimits = result };
    }

    private static List<string> ReadInstruments(JsonElement root, JsonSectionReader reader, InstrumentCatalog catalog, List<AssetClass> assetClasses)
    {
        var result = new List<string>();
        foreach (var (item, path) in reader.Array(root, string.Empty, "instruments", required: false))
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                reader.Error(path, $"expected a symbol but found {Quote(item)}");
                continue;
            }

            var symbol = item.GetString()!;
            if (!catalog.TryGet(symbol, out var instrument))
            {
                reader.Error(path, $"unknown instrument symbol '{symbol}' (not in the instrument catalogue)");
                continue;
            }

            if (!instrument.IsTradable)
            {
                reader.Error(path, $"'{symbol}' is a reference series ({instrument.Kind}), not a tradable instrument (rules may read it without listing it)");
                continue;
            }

            if (!assetClasses.Contains(instrument.AssetClass))
            {
                reader.Error(path, $"'{symbol}' is {AssetClassNames.ToSeedName(instrument.AssetClass)}, not one of the strategy's assetClasses");
            }

            if (result.Contains(symbol))
            {
                reader.Error(path, $"duplicate instrument '{symbol}'");
                continue;
            }

            result.Add(symbol);
        }

        return result;
    }

    private static string? DefaultPairOf(List<string> instruments, InstrumentCatalog catalog)
    {
        foreach (var symbol in instruments)
        {
            if (catalog.TryGet(symbol, out var instrument) && instrument.AssetClass == AssetClass.Forex)
            {
                return symbol;
            }
        }

        return catalog.TryGet(DefaultCarryPair, out _) ? DefaultCarryPair : null;
    }

    private static List<ExecutionRule> ReadExecutionRules(
        JsonElement root, JsonSectionReader reader, RuleCompiler compiler, RuleBindingContext context, List<AssetClass> assetClasses)
    {
        var result = new List<ExecutionRule>();
        foreach (var (item, path) in reader.Array(root, string.Empty, "executionRules", required: false))
        {
            if (!reader.ExpectObject(item, path))
            {
                continue;
            }

            reader.RejectUnknown(item, path, "trigger", "action");
            var triggerText = reader.String(item, path, "trigger", required: true);
            var actionText = reader.String(item, path, "action", required: true);
            var trigger = triggerText is null ? null : CompileTrigger(compiler, triggerText, context, JsonSectionReader.Join(path, "trigger"), reader);
            RuleAction? action = null;
            if (actionText is not null)
            {
                var actionPath = JsonSectionReader.Join(path, "action");
                try
                {
                    action = compiler.CompileAction(actionText);
                    CheckActionClasses(action.Value, actionPath, reader, assetClasses);
                }
                catch (RuleSyntaxException e)
                {
                    reader.Error(actionPath, e.Message);
                }
            }

            if (trigger is not null && action is { } compiledAction)
            {
                result.Add(new ExecutionRule { Trigger = triggerText!, Action = actionText!, CompiledTrigger = trigger, CompiledAction = compiledAction });
            }
        }

        return result;
    }

    private static void CheckActionClasses(RuleAction action, string path, JsonSectionReader reader, List<AssetClass> assetClasses)
    {
        if (action.AssetClass is { } cls && !assetClasses.Contains(cls))
        {
            reader.Error(path, $"acts on '{AssetClassNames.ToSeedName(cls)}', which is not one of the strategy's assetClasses");
        }

        if (action.Hedge is { } hedge && !assetClasses.Contains(hedge))
        {
            reader.Error(path, $"hedges with '{AssetClassNames.ToSeedName(hedge)}', which is not one of the strategy's assetClasses");
        }

        if (action.Kind == RuleActionKind.InitiateCarryTrade && !assetClasses.Contains(AssetClass.Forex))
        {
            reader.Error(path, "a carry trade needs FOREX among the strategy's assetClasses");
        }
    }

    private static List<RebalancingRule> ReadRebalancingRules(JsonElement root, JsonSectionReader reader, RuleCompiler compiler, RuleBindingContext context, InstrumentCatalog catalog)
    {
        var result = new List<RebalancingRule>();
        foreach (var (item, path) in reader.Array(root, string.Empty, "rebalancingRules", required: false))
        {
            if (!reader.ExpectObject(item, path))
            {
                continue;
            }

            reader.RejectUnknown(item, path, "type", "condition", "action", "hedgeInstruments");
            var hasType = item.TryGetProperty("type", out _);
            var hasAction = item.TryGetProperty("action", out _);
            var errorsBefore = reader.Errors.Count;
            var type = reader.Enum(item, path, "type", RebalanceTriggerType.Time, required: true);
            var action = reader.Enum(item, path, "action", RebalanceAction.Rebalance, required: true);
            var condition = reader.String(item, path, "condition", required: true);
            if (condition is null || !hasType || !hasAction || reader.Errors.Count != errorsBefore)
            {
                continue;
            }

            var conditionPath = JsonSectionReader.Join(path, "condition");
            TimeSpan? interval = null;
            CompiledTrigger? compiled = null;
            switch (type)
            {
                case RebalanceTriggerType.Time:
                    if (DurationText.TryParse(condition, out var every))
                    {
                        interval = every;
                    }
                    else
                    {
                        reader.Error(conditionPath, $"invalid duration '{condition}' ({DurationText.Expected})");
                        continue;
                    }

                    break;
                case RebalanceTriggerType.Volatility:
                case RebalanceTriggerType.Momentum:
                    compiled = CompileTrigger(compiler, condition, context, conditionPath, reader);
                    if (compiled is null)
                    {
                        continue;
                    }

                    break;
                default:
                    break;
            }

            var hedges = ReadHedgeInstruments(item, path, reader, catalog, action);
            result.Add(new RebalancingRule { Type = type, Condition = condition, Action = action, Interval = interval, CompiledCondition = compiled, HedgeInstruments = hedges });
        }

        return result;
    }

    /// <summary>
    /// A HedgeRisk rule's optional <c>hedgeInstruments</c>: 1 to <see cref="RebalancingRule.MaxHedgeInstruments"/>
    /// distinct tradable symbols of the catalogue (any asset class: a hedge is an overlay, not part of the allocation).
    /// </summary>
    private static List<string> ReadHedgeInstruments(JsonElement rule, string path, JsonSectionReader reader, InstrumentCatalog catalog, RebalanceAction action)
    {
        if (!rule.TryGetProperty("hedgeInstruments", out var list))
        {
            return [];
        }

        var field = JsonSectionReader.Join(path, "hedgeInstruments");
        if (action != RebalanceAction.HedgeRisk)
        {
            reader.Error(field, "only a HedgeRisk rule names hedge instruments");
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > RebalancingRule.MaxHedgeInstruments)
        {
            reader.Error(field, $"expected an array of 1 to {RebalancingRule.MaxHedgeInstruments} instrument symbols");
            return [];
        }

        var result = new List<string>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemPath = $"{field}[{index++}]";
            var symbol = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (string.IsNullOrWhiteSpace(symbol))
            {
                reader.Error(itemPath, $"expected a symbol but found {Quote(item)}");
            }
            else if (!catalog.TryGet(symbol, out var instrument))
            {
                reader.Error(itemPath, $"unknown instrument symbol '{symbol}' (not in the instrument catalogue)");
            }
            else if (!instrument.IsTradable)
            {
                reader.Error(itemPath, $"'{symbol}' is a reference series ({instrument.Kind}), not a tradable instrument");
            }
            else if (result.Contains(symbol))
            {
                reader.Error(itemPath, $"duplicate hedge instrument '{symbol}'");
            }
            else
            {
                result.Add(symbol);
            }
        }

        return result;
    }

    private static CompiledTrigger? CompileTrigger(RuleCompiler compiler, string text, RuleBindingContext context, string path, JsonSectionReader reader)
    {
        try
        {
            return compiler.CompileTrigger(text, context);
        }
        catch (RuleSyntaxException e)
        {
            reader.Error(path, e.Message);
            return null;
        }
    }

    private static double? Number(JsonElement obj, string path, string name, JsonSectionReader reader, bool required)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                reader.Error(JsonSectionReader.Join(path, name), "required field is missing");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            reader.Error(JsonSectionReader.Join(path, name), $"expected a number but found {Quote(value)}");
            return null;
        }

        return number;
    }

    private static double? InPercentRange(double? value, string path, string name, JsonSectionReader reader)
    {
        if (value is { } v && (v < 0 || v > 100))
        {
            reader.Error(JsonSectionReader.Join(path, name), $"{Format(v)} is out of range [0, 100]");
            return null;
        }

        return value;
    }

    private static double? Positive(double? value, string path, string name, JsonSectionReader reader, double upper)
    {
        if (value is { } v && (v <= 0 || v > upper))
        {
            reader.Error(
                JsonSectionReader.Join(path, name),
                upper == double.MaxValue ? $"{Format(v)} must be greater than 0" : $"{Format(v)} is out of range (0, {Format(upper)}]");
            return null;
        }

        return value;
    }

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    private static string Quote(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
}
