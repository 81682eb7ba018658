using System.Globalization;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Orders;

/// <summary>
/// A filter on the order ledger, as the <c>QueryOrders</c> / <c>QueryFills</c> body carries it: <c>key=value</c> pairs
/// joined by <c>&amp;</c>, values URL-escaped. Keys: <c>id</c> (one order, with its children and fills), <c>source</c>
/// (the orders one input event caused: an order batch), <c>account</c>, <c>accounts</c> (comma-separated: the caller's
/// scope), <c>strategy</c> (its id; <c>operator</c> for operator orders), <c>instrument</c> (a symbol), <c>status</c> (a
/// status name, or <c>open</c> / <c>done</c>), <c>order</c> (fills of one order), <c>since</c> (ISO-8601 event time:
/// orders decided, fills made, at or after it) and <c>limit</c> (1..10 000, default 100; the newest first).
/// </summary>
public sealed record OrderQuery
{
    /// <summary>Most rows one query returns.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Rows when no limit is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Status groups besides the status names.</summary>
    public const string OpenGroup = "open";

    /// <summary>Done: refused, filled, cancelled, expired.</summary>
    public const string DoneGroup = "done";

    /// <summary>One order id (detail), or null.</summary>
    public long? Id { get; init; }

    /// <summary>Orders caused by this input sequence, or null.</summary>
    public long? Source { get; init; }

    /// <summary>One account (name), or null.</summary>
    public string? Account { get; init; }

    /// <summary>The accounts the caller may see (names), or null for all.</summary>
    public IReadOnlyList<string>? Accounts { get; init; }

    /// <summary>A strategy id, <c>operator</c>, or null.</summary>
    public string? Strategy { get; init; }

    /// <summary>A symbol, or null.</summary>
    public string? Instrument { get; init; }

    /// <summary>A status name, <c>open</c>, <c>done</c>, or null.</summary>
    public string? Status { get; init; }

    /// <summary>Fills of one order, or null.</summary>
    public long? Order { get; init; }

    /// <summary>Event time lower bound (Unix ns), or null.</summary>
    public long? Since { get; init; }

    /// <summary>Most rows.</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The body text of this query.</summary>
    public string ToBody()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("id", Id?.ToString(CultureInfo.InvariantCulture));
        Add("source", Source?.ToString(CultureInfo.InvariantCulture));
        Add("account", Account);
        Add("accounts", Accounts is null ? null : string.Join(',', Accounts));
        Add("strategy", Strategy);
        Add("instrument", Instrument);
        Add("status", Status);
        Add("order", Order?.ToString(CultureInfo.InvariantCulture));
        Add("since", Since?.ToString(CultureInfo.InvariantCulture));
        Add("limit", Limit == DefaultLimit ? null : Limit.ToString(CultureInfo.InvariantCulture));
        return string.Join('&', parts);
    }

    /// <summary>Parses a body written by <see cref="ToBody"/>; false with the key at fault and why.</summary>
    public static bool TryParse(string body, out OrderQuery query, out string? field, out string? error)
    {
        ArgumentNullException.ThrowIfNull(body);
        query = new OrderQuery();
        field = null;
        error = null;
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            field = key;
            switch (key)
            {
                case "id" when TryId(value, out var id):
                    query = query with { Id = id };
                    break;
                case "source" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var source):
                    query = query with { Source = source };
                    break;
                case "order" when TryId(value, out var order):
                    query = query with { Order = order };
                    break;
                case "since" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var since):
                    query = query with { Since = since };
                    break;
                case "limit" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit:
                    query = query with { Limit = limit };
                    break;
                case "account" when value.Length > 0:
                    query = query with { Account = value };
                    break;
                case "accounts":
                    query = query with { Accounts = value.Split(',', StringSplitOptions.RemoveEmptyEntries) };
                    break;
                case "strategy" when value.Length > 0:
                    query = query with { Strategy = value };
                    break;
                case "instrument" when value.Length > 0:
                    query = query with { Instrument = value };
                    break;
                case "status" when value is OpenGroup or DoneGroup || OrderStatusNames.TryParse(value, out _):
                    query = query with { Status = value };
                    break;
                case "id" or "source" or "order" or "since" or "limit" or "account" or "strategy" or "instrument" or "status":
                    error = $"'{value}' is not a valid {key}";
                    return false;
                default:
                    error = $"unknown filter '{key}'";
                    return false;
            }
        }

        field = null;
        return true;
    }

    /// <summary>Parses an ISO-8601 time (with an offset or Z) into Unix nanoseconds.</summary>
    public static bool TryParseTime(string text, out long unixNanos)
    {
        unixNanos = 0;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return false;
        }

        unixNanos = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        return true;
    }

    private static bool TryId(string text, out long id) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}

/// <summary>The ids a resolved <see cref="OrderQuery"/> matches on (names looked up once, off the ledger's rows).</summary>
/// <param name="Account">Account id, or −1 for any.</param>
/// <param name="Scope">Accounts the caller may see (by id), or null for all.</param>
/// <param name="Strategy">Strategy name (<c>operator</c> for operator orders), or null.</param>
/// <param name="Instrument">Instrument id, or −1.</param>
/// <param name="Status">One status, or null.</param>
/// <param name="Open">Open (true) or done (false) orders only, or null.</param>
/// <param name="Since">Event-time lower bound (Unix ns).</param>
/// <param name="Source">Orders of this input sequence, or −1.</param>
/// <param name="Order">Fills of this order, or −1.</param>
public readonly record struct OrderFilter(int Account, bool[]? Scope, string? Strategy, int Instrument, OrderStatus? Status, bool? Open, long Since, long Source, long Order)
{
    /// <summary>Whether the order matches.</summary>
    public bool Matches(in LedgerOrder o, Func<StrategyId, string?> strategyName)
        => o.OrderId != 0
            && (Account < 0 || o.Account.Value == Account)
            && (Scope is null || ((uint)o.Account.Value < (uint)Scope.Length && Scope[o.Account.Value]))
            && (Instrument < 0 || o.Instrument.Value == Instrument)
            && (Status is null || o.Status == Status)
            && (Open is null || OrderStatusNames.IsOpen(o.Status) == Open)
            && o.CreatedTime >= Since
            && (Source < 0 || o.SourceSequence == Source)
            && (Strategy is null || string.Equals(StrategyName(o.Strategy, strategyName), Strategy, StringComparison.Ordinal));

    /// <summary>Whether the fill matches.</summary>
    public bool Matches(in LedgerFill f, Func<StrategyId, string?> strategyName)
        => f.FillId != 0
            && (Account < 0 || f.Account.Value == Account)
            && (Scope is null || ((uint)f.Account.Value < (uint)Scope.Length && Scope[f.Account.Value]))
            && (Instrument < 0 || f.Instrument.Value == Instrument)
            && (Order < 0 || f.OrderId == Order)
            && f.Time >= Since
            && (Strategy is null || string.Equals(StrategyName(f.Strategy, strategyName), Strategy, StringComparison.Ordinal));

    /// <summary>The strategy's name (its id), <c>operator</c> for none.</summary>
    public static string StrategyName(StrategyId id, Func<StrategyId, string?> names) => id.IsValid ? names(id) ?? $"#{id.Value}" : OrderReadModel.OperatorStrategy;
}
