using System.Globalization;
using System.Text.Json.Nodes;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Control.Alerts;

/// <summary>
/// The control plane's alerts: fed a copy of the risk gate's state (the risk query) and the correlation breaks once a
/// second by <see cref="AlertLoop"/>, it records each change worth an operator's attention in a bounded ring (newest
/// <see cref="Capacity"/>). Nothing here is engine state or journalled: the alerts are those seen since the host
/// started, and a state already present at the first look (a halted account, a breaking pair) is reported then.
/// </summary>
/// <remarks>
/// Kinds, each from an observed change:
/// <list type="bullet">
/// <item><c>killSwitch</c>: the global switch or an account's halt turned on (critical) or off (info).</item>
/// <item><c>refusal</c>: an account's count of a refusing verdict (anything but Accepted) went up (warning).</item>
/// <item><c>limitBreach</c>: a strategy's worst-case exposure in a class reached <see cref="NearLimit"/> of its
/// maxAllocation × capital (warning) or the limit (critical).</item>
/// <item><c>drawdown</c>: a strategy's drawdown in a class (peak P&amp;L − P&amp;L) reached <see cref="NearLimit"/> of its
/// maxDrawdown × capital (warning) or the limit (critical).</item>
/// <item><c>correlationBreak</c>: a pair's live correlation left its long-run value by more than the threshold (warning).</item>
/// </list>
/// A level is reported when it is entered (not again while it lasts); falling back re-arms it.
/// </remarks>
public sealed class AlertMonitor
{
    /// <summary>Alerts kept (the oldest are dropped).</summary>
    public const int Capacity = 1_000;

    /// <summary>Fraction of a limit that counts as "near".</summary>
    public const double NearLimit = 0.9;

    private readonly object gate = new();
    private readonly LinkedList<Alert> ring = new();
    private long nextId = 1;
    private Observation? previous;

    /// <summary>One alert.</summary>
    public sealed record Alert(long Id, DateTimeOffset Time, string Kind, string Severity, string? Account, string? Strategy, string Message, JsonObject Values)
    {
        /// <summary>As the API returns it.</summary>
        public JsonObject ToJson() => new()
        {
            ["id"] = Id,
            ["time"] = Time.ToString("O", CultureInfo.InvariantCulture),
            ["kind"] = Kind,
            ["severity"] = Severity,
            ["account"] = Account,
            ["strategy"] = Strategy,
            ["message"] = Message,
            ["values"] = Values.DeepClone(),
        };
    }

    /// <summary>The alerts with an id above <paramref name="afterId"/> and a time after <paramref name="after"/>, newest first.</summary>
    public IReadOnlyList<Alert> Recent(long afterId = 0, DateTimeOffset? after = null)
    {
        lock (gate)
        {
            return [.. ring.Reverse().Where(a => a.Id > afterId && (after is null || a.Time > after))];
        }
    }

    /// <summary>Compares a new look at the risk state with the last one and records the changes (called by one loop).</summary>
    public void Observe(RiskReport report, IReadOnlyList<CorrelationBreak> breaks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(breaks);
        var current = Observation.Of(report, breaks);
        var was = previous ?? Observation.Empty with { Verdicts = current.Verdicts };
        previous = current;
        var found = new List<(string Kind, string Severity, string? Account, string? Strategy, string Message, JsonObject Values)>();

        if (current.GlobalKillSwitch != was.GlobalKillSwitch)
        {
            found.Add(("killSwitch", current.GlobalKillSwitch ? "critical" : "info", null, null,
                current.GlobalKillSwitch ? "Global kill switch ON: no account may trade." : "Global kill switch off.", new JsonObject { ["on"] = current.GlobalKillSwitch }));
        }

        foreach (var account in current.Halted.Except(was.Halted).Order(StringComparer.Ordinal))
        {
            found.Add(("killSwitch", "critical", account, null, $"Account {account} halted (kill switch on): its orders are refused.", new JsonObject { ["on"] = true }));
        }

        foreach (var account in was.Halted.Except(current.Halted).Order(StringComparer.Ordinal))
        {
            found.Add(("killSwitch", "info", account, null, $"Account {account} trading again (kill switch off).", new JsonObject { ["on"] = false }));
        }

        foreach (var ((account, verdict), count) in current.Verdicts.OrderBy(v => v.Key.Account, StringComparer.Ordinal).ThenBy(v => v.Key.Verdict, StringComparer.Ordinal))
        {
            var before = was.Verdicts.GetValueOrDefault((account, verdict));
            if (count > before)
            {
                found.Add(("refusal", "warning", account, null, $"{count - before} order(s) of account {account} refused by the risk gate ({verdict}).",
                    new JsonObject { ["verdict"] = verdict, ["new"] = count - before, ["total"] = count }));
            }
        }

        foreach (var (key, level) in current.Levels.OrderBy(l => l.Key.Strategy, StringComparer.Ordinal).ThenBy(l => l.Key.Class, StringComparer.Ordinal).ThenBy(l => l.Key.Kind, StringComparer.Ordinal))
        {
            if (level.Level > was.Levels.GetValueOrDefault(key).Level)
            {
                var what = key.Kind == "limitBreach" ? "exposure" : "drawdown";
                var limit = key.Kind == "limitBreach" ? "maxAllocation" : "maxDrawdown";
                found.Add((key.Kind, level.Level == 2 ? "critical" : "warning", key.Account, key.Strategy,
                    string.Create(CultureInfo.InvariantCulture, $"Strategy {key.Strategy}: {key.Class} {what} at {level.Usage * 100:F0}% of its {limit}{(level.Level == 2 ? " (over the limit)" : " (near the limit)")}."),
                    new JsonObject { ["assetClass"] = key.Class, ["usage"] = Math.Round(level.Usage, 6), ["value"] = level.Value, ["limit"] = level.Limit }));
            }
        }

        foreach (var pair in current.Breaks.Keys.Except(was.Breaks.Keys).Order())
        {
            var item = current.Breaks[pair];
            found.Add(("correlationBreak", "warning", null, null,
                string.Create(CultureInfo.InvariantCulture, $"Correlation break: {item.A}/{item.B} at {item.Correlation:F2} against a long-run {item.LongRun:F2}."),
                new JsonObject { ["a"] = item.A, ["b"] = item.B, ["correlation"] = item.Correlation, ["longRun"] = item.LongRun, ["change"] = item.Change }));
        }

        lock (gate)
        {
            foreach (var (kind, severity, account, strategy, message, values) in found)
            {
                ring.AddLast(new Alert(nextId++, now, kind, severity, account, strategy, message, values));
                if (ring.Count > Capacity)
                {
                    ring.RemoveFirst();
                }
            }
        }
    }

    /// <summary>What one look saw, reduced to what the alerts compare.</summary>
    private sealed record Observation(
        bool GlobalKillSwitch,
        IReadOnlySet<string> Halted,
        IReadOnlyDictionary<(string Account, string Verdict), long> Verdicts,
        IReadOnlyDictionary<(string Kind, string Account, string Strategy, string Class), LimitLevel> Levels,
        IReadOnlyDictionary<(string, string), CorrelationBreak> Breaks)
    {
        public static Observation Empty { get; } = new(false, new HashSet<string>(), new Dictionary<(string, string), long>(), new Dictionary<(string, string, string, string), LimitLevel>(), new Dictionary<(string, string), CorrelationBreak>());

        public static Observation Of(RiskReport report, IReadOnlyList<CorrelationBreak> breaks)
        {
            var verdicts = report.Accounts
                .SelectMany(a => a.Verdicts.Where(v => v.Key != "Accepted").Select(v => KeyValuePair.Create((a.Account, v.Key), v.Value)))
                .ToDictionary();
            var levels = new Dictionary<(string, string, string, string), LimitLevel>();
            foreach (var strategy in report.Strategies ?? [])
            {
                var capital = (double)strategy.Capital;
                foreach (var (assetClass, risk) in strategy.Classes)
                {
                    if (risk.Exposure is { } exposure && risk.MaxAllocation is { } maxAllocation)
                    {
                        levels[("limitBreach", strategy.Account, strategy.Strategy, assetClass)] = LimitLevel.Of((double)exposure, capital * maxAllocation / 100);
                    }

                    if (risk.Pnl is { } pnl && risk.MaxDrawdown is { } maxDrawdown)
                    {
                        levels[("drawdown", strategy.Account, strategy.Strategy, assetClass)] = LimitLevel.Of((double)(risk.PeakPnl - pnl), capital * maxDrawdown / 100);
                    }
                }
            }

            return new(report.GlobalKillSwitch, report.HaltedAccounts.ToHashSet(StringComparer.Ordinal), verdicts, levels, breaks.ToDictionary(b => (b.A, b.B)));
        }
    }

    /// <summary>How far a value is into its limit: 0 below <see cref="NearLimit"/>, 1 near, 2 at or over.</summary>
    private readonly record struct LimitLevel(int Level, double Usage, double Value, double Limit)
    {
        public static LimitLevel Of(double value, double limit)
        {
            if (!(limit > 0) || !double.IsFinite(value))
            {
                return default;
            }

            var usage = value / limit;
            return new(usage >= 1 ? 2 : usage >= NearLimit ? 1 : 0, usage, Math.Round(value, 2), Math.Round(limit, 2));
        }
    }
}
