using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using static MultiAsset.Engine.Compliance.BestExecutionReport;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// Positions at a point in time, by account, asset class, instrument and currency, with valuation: the position is the
/// signed sum of the trail's fills before the instant (buys +, sells −: exactly what the accounts booked, to the unit),
/// valued at the instrument's last price before it.
/// </summary>
/// <remarks>
/// <para>Rows: <c>position</c> (account, instrument: quantity, price, market value = quantity × price, in the
/// instrument's quote currency), then subtotals <c>assetClass</c> (account, class, currency: net and gross market value)
/// and <c>currency</c> (account, currency), then the same two for the firm (account <c>firm</c>) when the scope is the firm.
/// Amounts are never summed across currencies.</para>
/// <para><c>priceSource</c>: <c>market</c> = the last trade, bar close or quote mid journalled before the instant
/// (<see cref="JournalMarketTape.LastPrices"/>); <c>lastFill</c> = the position's last fill price, when no journal is
/// given or it holds no price for the instrument. Flat positions are left out.</para>
/// </remarks>
public static class PositionReport
{
    /// <summary>The report's columns.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "kind", "asOf", "account", "assetClass", "instrument", "currency", "quantity", "price", "priceSource", "marketValue", "grossMarketValue", "fills",
    ];

    /// <summary>Builds the report from the trail in <paramref name="directory"/> and, when given, the prices of <paramref name="journal"/>.</summary>
    public static ReportTable Build(string directory, string? journal, ReportNames names, ReportScope scope, string? text = null)
    {
        var positions = new Dictionary<(int Account, int Instrument), Position>();
        using (var reader = AuditTrailReader.Open(directory))
        {
            while (reader.TryRead(out var r))
            {
                if (r.Type != AuditEventType.Fill || (scope.To is { } to && r.Timestamp >= to) || !scope.Covers(r.Account))
                {
                    continue;
                }

                var key = (r.Account, r.Instrument);
                if (!positions.TryGetValue(key, out var p))
                {
                    positions[key] = p = new Position();
                }

                p.Quantity += r.Side == OrderSide.Sell ? -r.Quantity : r.Quantity;
                p.LastFillPrice = r.Price;
                p.Fills++;
            }
        }

        var market = journal is null ? [] : JournalMarketTape.LastPrices(journal, scope.To);
        var asOf = scope.To is { } t ? JournalTime.Format(t) : "end";
        var table = new ReportTable("positions", Columns) { Scope = text };
        var byClass = new SortedDictionary<(string Account, string Class, string Currency), (decimal Net, decimal Gross)>();
        var byCurrency = new SortedDictionary<(string Account, string Currency), (decimal Net, decimal Gross)>();
        foreach (var ((account, instrument), p) in positions.Where(kv => kv.Value.Quantity != 0)
                     .OrderBy(kv => names.Account(kv.Key.Account), StringComparer.Ordinal).ThenBy(kv => names.Symbol(kv.Key.Instrument), StringComparer.Ordinal))
        {
            var quantity = Quantity.FromRaw(p.Quantity).ToDecimal();
            var fromMarket = market.TryGetValue(instrument, out var price);
            if (!fromMarket)
            {
                price = Price.FromRaw(p.LastFillPrice).ToDecimal();
            }

            var value = quantity * price;
            var (name, cls, ccy) = (names.Account(account), names.AssetClass(instrument), names.Currency(instrument));
            table.Add("position", asOf, name, cls, names.Symbol(instrument), ccy, Text(quantity), Text(price), fromMarket ? "market" : "lastFill", Text(value), Text(Math.Abs(value)), Text(p.Fills));
            Accumulate(byClass, (name, cls, ccy), value);
            Accumulate(byCurrency, (name, ccy), value);
            if (scope.Accounts is null)
            {
                Accumulate(byClass, ("~firm", cls, ccy), value);
                Accumulate(byCurrency, ("~firm", ccy), value);
            }
        }

        // "~firm" sorts after every account name; it prints as "firm".
        foreach (var ((account, cls, ccy), (net, gross)) in byClass)
        {
            table.Add("assetClass", asOf, Firm(account), cls, null, ccy, null, null, null, Text(net), Text(gross), null);
        }

        foreach (var ((account, ccy), (net, gross)) in byCurrency)
        {
            table.Add("currency", asOf, Firm(account), null, null, ccy, null, null, null, Text(net), Text(gross), null);
        }

        return table;
    }

    private static string Firm(string account) => account == "~firm" ? "firm" : account;

    private static void Accumulate<TKey>(SortedDictionary<TKey, (decimal Net, decimal Gross)> sums, TKey key, decimal value)
        where TKey : notnull
    {
        var (net, gross) = sums.GetValueOrDefault(key);
        sums[key] = (net + value, gross + Math.Abs(value));
    }

    private sealed class Position
    {
        public long Quantity;
        public long LastFillPrice;
        public long Fills;
    }
}
