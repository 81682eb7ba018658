using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Notices when the analytics complete a new bar of one instrument at one timeframe, by comparing the completed-bar
/// count with the one seen last. Bars are closed by the analytics' clock (possibly during another instrument's
/// event), so the algorithm learns of a bar at the next event of its own instrument — deterministically, in replay too.
/// </summary>
internal struct BarWatch(InstrumentId instrument, int timeframe)
{
    private long seen;

    public readonly InstrumentId Instrument => instrument;

    public readonly int Timeframe => timeframe;

    /// <summary>True (with the bar) when a bar completed since the last call that returned true.</summary>
    public bool TryTakeNewBar(MarketAnalytics analytics, out BarSnapshot bar)
    {
        var completed = analytics.CompletedBars(instrument, timeframe);
        if (completed == seen)
        {
            bar = default;
            return false;
        }

        seen = completed;
        bar = analytics.LastBar(instrument, timeframe);
        return bar.Updates > 0 && bar.Close.Raw > 0;
    }

    public readonly void AppendDigest(StateDigestBuilder digest) => digest.Add(instrument.Value).Add(timeframe).Add(seen);
}
