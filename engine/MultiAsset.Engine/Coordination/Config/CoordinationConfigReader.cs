using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination.Config;

/// <summary>
/// Reads <c>config/coordination.json</c>:
/// <code>
/// {
///   "conflictResolution": [ { "condition": "OpposingIntents", "resolution": "Prioritize", "parameters": { "strategies": ["cross-asset-arbitrage"] } },
///                           { "condition": "ExposureOverlap", "resolution": "Average", "parameters": { "maxNotional": 250000, "assetClass": "CRYPTO" } } ],
///   "capitalAllocation":  [ { "account": "default", "method": "FixedWeights", "weights": { "safe-haven-flows": 20 } },
///                           { "account": "fx", "method": "PerformanceWeighted", "lookback": "30d", "floor": 5 } ],
///   "executionPriority":  [ { "reason": "StopLoss", "priority": 100 }, { "strategy": "cross-asset-arbitrage", "priority": 10 } ],
///   "algorithms": { "Immediate": "Direct", "Normal": "Twap", "Low": "Vwap" },
///   "maxIntentsDeferred": 64, "reallocationInterval": "1h", "conflictLogCapacity": 1024, "allocationLogCapacity": 4096,
///   "backoffInitial": "1m", "backoffMax": "1h", "backoffMinRetry": "10s", "refusalLogCapacity": 256
/// }
/// </code>
/// Every field is optional. Percentages are written as in strategy documents (30 = 30 %). Every problem is reported
/// with the file, the JSON path and the reason, all at once.
/// </summary>
public static class CoordinationConfigReader
{
    /// <summary>Where the engine looks for the file, relative to the repository or install root.</summary>
    public const string DefaultPath = "config/coordination.json";

    private static readonly string[] RootFields =
    [
        "conflictResolution", "capitalAllocation", "executionPriority", "algorithms",
        "maxIntentsDeferred", "reallocationInterval", "conflictLogCapacity", "allocationLogCapacity",
        "backoffInitial", "backoffMax", "backoffMinRetry", "refusalLogCapacity",
    ];

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="source">Name used in error messages; the path when null.</param>
    /// <param name="accounts">When given, account names are checked against it.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; lists every problem.</exception>
    public static CoordinationConfig Load(string path, string? source = null, AccountDirectory? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = ConfigText.Read(path, source ?? path, "coordination configuration");

        return Parse(json, source ?? path, accounts);
    }

    /// <summary>Parses and validates coordination JSON.</summary>
    /// <exception cref="ConfigurationException">The JSON is malformed or invalid; lists every problem.</exception>
    public static CoordinationConfig Parse(string json, string source, AccountDirectory? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var document = ConfigText.Parse(json, source);

        using (document)
        {
            var reader = new JsonSectionReader(source);
            var config = Read(document.RootElement, reader, string.Empty, accounts);
            reader.ThrowIfAny();
            return config!;
        }
    }

    /// <summary>Reads the configuration object <paramref name="root"/>, recording problems in <paramref name="reader"/>.</summary>
    public static CoordinationConfig? Read(JsonElement root, JsonSectionReader reader, string path, AccountDirectory? accounts = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.ExpectObject(root, path.Length == 0 ? "(root)" : path))
        {
            return null;
        }

        reader.RejectUnknown(root, path, RootFields);
        var rules = new List<ConflictRule>();
        foreach (var (item, itemPath) in reader.Array(root, path, "conflictResolution", required: false))
        {
            if (ConflictRuleReader.Read(item, itemPath, reader, accounts) is { } rule)
            {
                rules.Add(rule);
            }
        }

        var allocation = new List<CapitalAllocationRule>();
        var allocatedAccounts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, itemPath) in reader.Array(root, path, "capitalAllocation", required: false))
        {
            if (CapitalAllocationRuleReader.Read(item, itemPath, reader, accounts) is not { } rule)
            {
                continue;
            }

            if (allocatedAccounts.TryGetValue(rule.Account, out var first))
            {
                reader.Error(JsonSectionReader.Join(itemPath, "account"), $"account '{rule.Account}' already has a capital allocation at {first}");
                continue;
            }

            allocatedAccounts.Add(rule.Account, itemPath);
            allocation.Add(rule);
        }

        var priorities = ReadPriorities(root, path, reader);
        var algorithms = ReadAlgorithms(root, path, reader);
        return new CoordinationConfig
        {
            ConflictResolution = rules,
            CapitalAllocation = allocation,
            ExecutionPriority = priorities,
            Algorithms = algorithms,
            MaxIntentsDeferred = (int)reader.Integer(root, path, "maxIntentsDeferred", CoordinationConfig.Default.MaxIntentsDeferred, 0, 1 << 16),
            ReallocationInterval = reader.Duration(root, path, "reallocationInterval", CoordinationConfig.Default.ReallocationInterval),
            ConflictLogCapacity = (int)reader.Integer(root, path, "conflictLogCapacity", CoordinationConfig.Default.ConflictLogCapacity, 1, 1 << 20),
            AllocationLogCapacity = (int)reader.Integer(root, path, "allocationLogCapacity", CoordinationConfig.Default.AllocationLogCapacity, 1, 1 << 22),
            BackoffInitial = reader.Duration(root, path, "backoffInitial", CoordinationConfig.Default.BackoffInitial),
            BackoffMax = reader.Duration(root, path, "backoffMax", CoordinationConfig.Default.BackoffMax),
            BackoffMinRetry = reader.Duration(root, path, "backoffMinRetry", CoordinationConfig.Default.BackoffMinRetry),
            RefusalLogCapacity = (int)reader.Integer(root, path, "refusalLogCapacity", CoordinationConfig.Default.RefusalLogCapacity, 1, 1 << 20),
        };
    }

    private static List<ExecutionPriorityRule> ReadPriorities(JsonElement root, string path, JsonSectionReader reader)
    {
        var priorities = new List<ExecutionPriorityRule>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, itemPath) in reader.Array(root, path, "executionPriority", required: false))
        {
            if (!reader.ExpectObject(item, itemPath))
            {
                continue;
            }

            reader.RejectUnknown(item, itemPath, "reason", "strategy", "priority");
            var hasReason = item.TryGetProperty("reason", out _);
            var hasStrategy = item.TryGetProperty("strategy", out _);
            if (hasReason == hasStrategy)
            {
                reader.Error(itemPath, "give exactly one of 'reason' (an intent reason such as StopLoss) and 'strategy' (a strategy id)");
                continue;
            }

            var priority = (int)reader.Integer(item, itemPath, "priority", 0, ExecutionPriorityRule.MinPriority, ExecutionPriorityRule.MaxPriority, required: true);
            string key;
            ExecutionPriorityRule rule;
            if (hasReason)
            {
                var errorsBefore = reader.Errors.Count;
                var reason = reader.Enum(item, itemPath, "reason", IntentReason.None, required: true);
                if (reason == IntentReason.None)
                {
                    // A bad name was already reported; "None" itself parses but no order has that reason.
                    if (reader.Errors.Count == errorsBefore)
                    {
                        reader.Error(JsonSectionReader.Join(itemPath, "reason"), "'None' is not a reason orders can have");
                    }

                    continue;
                }

                key = "reason " + reason;
                rule = new ExecutionPriorityRule { Reason = reason, Priority = priority };
            }
            else
            {
                var strategy = reader.String(item, itemPath, "strategy", required: true);
                if (strategy is null)
                {
                    continue;
                }

                key = "strategy " + strategy;
                rule = new ExecutionPriorityRule { Strategy = strategy, Priority = priority };
            }

            if (seen.TryGetValue(key, out var first))
            {
                reader.Error(itemPath, $"{key} already has a priority at {first}");
                continue;
            }

            seen.Add(key, itemPath);
            priorities.Add(rule);
        }

        return priorities;
    }

    private static ExecutionAlgorithm[] ReadAlgorithms(JsonElement root, string path, JsonSectionReader reader)
    {
        ExecutionAlgorithm[] algorithms = [.. CoordinationConfig.Default.Algorithms];
        if (!root.TryGetProperty("algorithms", out var section))
        {
            return algorithms;
        }

        var sectionPath = JsonSectionReader.Join(path, "algorithms");
        if (!reader.ExpectObject(section, sectionPath))
        {
            return algorithms;
        }

        reader.RejectUnknown(section, sectionPath, Enum.GetNames<IntentUrgency>());
        foreach (var urgency in Enum.GetValues<IntentUrgency>())
        {
            algorithms[(int)urgency] = reader.Enum(section, sectionPath, urgency.ToString(), algorithms[(int)urgency]);
        }

        return algorithms;
    }
}
