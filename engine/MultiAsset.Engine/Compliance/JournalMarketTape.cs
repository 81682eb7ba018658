using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// Market prices read back from the input journal, in one streaming pass (nothing is held per event): interval VWAPs
/// between two input sequences and the last price of each instrument before an instant.
/// </summary>
/// <remarks>
/// <para><b>Interval VWAP</b> of an instrument over input sequences (a, b]: Σ p·v / Σ v over its trades (price, size)
/// and bars (typical price (high + low + close) / 3, volume) journalled after a and up to b. Quotes carry no traded
/// volume and are not in it. Null when no volume traded in the interval.</para>
/// <para><b>Last price</b> before an instant: the latest trade price, bar close or quote mid with a time before it.</para>
/// <para>Market data the feed marked as rejected at its source is skipped.</para>
/// </remarks>
public static class JournalMarketTape
{
    /// <summary>
    /// The VWAP of each (instrument, from, to] interval, computed in one pass: returns one value per interval, in
    /// the given order.
    /// </summary>
    public static decimal?[] IntervalVwaps(string journal, IReadOnlyList<(int Instrument, long FromSequence, long ToSequence)> intervals)
    {
        var result = new decimal?[intervals.Count];
        if (intervals.Count == 0)
        {
            return result;
        }

        // Boundaries in sequence order: at each, the running Σ p·v and Σ v of the interval's instrument are read.
        var boundaries = new List<(long Sequence, int Interval, bool End)>(intervals.Count * 2);
        for (var i = 0; i < intervals.Count; i++)
        {
            boundaries.Add((intervals[i].FromSequence, i, false));
            boundaries.Add((Math.Max(intervals[i].FromSequence, intervals[i].ToSequence), i, true));
        }

        boundaries.Sort((x, y) => x.Sequence != y.Sequence ? x.Sequence.CompareTo(y.Sequence) : x.End.CompareTo(y.End));
        var pv = new Dictionary<int, decimal>();
        var volume = new Dictionary<int, decimal>();
        var startPv = new decimal[intervals.Count];
        var startV = new decimal[intervals.Count];
        var next = 0;

        void TakeUpTo(long sequence)
        {
            for (; next < boundaries.Count && boundaries[next].Sequence <= sequence; next++)
            {
                var (_, i, end) = boundaries[next];
                var instrument = intervals[i].Instrument;
                var p = pv.GetValueOrDefault(instrument);
                var v = volume.GetValueOrDefault(instrument);
                if (!end)
                {
                    startPv[i] = p;
                    startV[i] = v;
                }
                else if (v - startV[i] > 0)
                {
                    result[i] = (p - startPv[i]) / (v - startV[i]);
                }
            }
        }

        using var reader = JournalReader.Open(journal);
        while (next < boundaries.Count && reader.TryRead(out var record))
        {
            // Boundaries strictly before this record are complete (their interval ends at or before the last record).
            TakeUpTo(record.Sequence - 1);
            if (record.Type != JournalRecordType.InputEvent)
            {
                continue;
            }

            var evt = record.ReadInputEvent();
            if (Traded(in evt, out var price, out var size))
            {
                var id = evt.Instrument.Value;
                pv[id] = pv.GetValueOrDefault(id) + (price * size);
                volume[id] = volume.GetValueOrDefault(id) + size;
            }
        }

        TakeUpTo(long.MaxValue);
        return result;
    }

    /// <summary>The last price of every instrument with market data before <paramref name="before"/> (ns; null = the end of the journal).</summary>
    public static Dictionary<int, decimal> LastPrices(string journal, long? before)
    {
        var last = new Dictionary<int, decimal>();
        using var reader = JournalReader.Open(journal);
        while (reader.TryRead(out var record))
        {
            if (record.Type != JournalRecordType.InputEvent)
            {
                continue;
            }

            var evt = record.ReadInputEvent();
            if (before is { } t && evt.Timestamp >= t)
            {
                continue; // input order is not strictly time order across feeds: keep scanning
            }

            if (Mark(in evt) is { } price)
            {
                last[evt.Instrument.Value] = price;
            }
        }

        return last;
    }

    private static bool Traded(in InputEvent evt, out decimal price, out decimal size)
    {
        price = 0;
        size = 0;
        if (!evt.IsMarketData || evt.IsRejectedAtSource)
        {
            return false;
        }

        if (evt.Kind == InputEventKind.Trade)
        {
            price = evt.Trade.Price.ToDecimal();
            size = evt.Trade.Size.ToDecimal();
        }
        else if (evt.Kind == InputEventKind.Bar)
        {
            price = (evt.Bar.High.ToDecimal() + evt.Bar.Low.ToDecimal() + evt.Bar.Close.ToDecimal()) / 3;
            size = evt.Bar.Volume.ToDecimal();
        }

        return price > 0 && size > 0;
    }

    private static decimal? Mark(in InputEvent evt)
    {
        if (!evt.IsMarketData || evt.IsRejectedAtSource)
        {
            return null;
        }

        var price = evt.Kind switch
        {
            InputEventKind.Trade => evt.Trade.Price.ToDecimal(),
            InputEventKind.Bar => evt.Bar.Close.ToDecimal(),
            InputEventKind.Quote when evt.Quote.Bid.Raw > 0 && evt.Quote.Ask.Raw > 0 => (evt.Quote.Bid.ToDecimal() + evt.Quote.Ask.ToDecimal()) / 2,
            _ => 0m,
        };
        return price > 0 ? price : null;
    }
}
