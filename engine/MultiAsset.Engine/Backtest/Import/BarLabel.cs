namespace MultiAsset.Engine.Backtest.Import;

/// <summary>Which end of its interval a vendor's bar timestamp names.</summary>
public enum BarLabel
{
    /// <summary>The bar's start (most vendors: the 09:30 bar covers 09:30–09:31); the event time is start + interval.</summary>
    Start,

    /// <summary>The bar's end (the engine's own convention): the event time is the timestamp as written.</summary>
    End,
}
