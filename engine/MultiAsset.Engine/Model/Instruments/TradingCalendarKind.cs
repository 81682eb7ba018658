namespace MultiAsset.Engine.Model.Instruments;

/// <summary>The shapes of trading calendar; spelled "exchange", "fx24x5", "always" in <c>config/instruments.json</c>.</summary>
public enum TradingCalendarKind
{
    /// <summary>Exchange sessions: local open/close times in a time zone, trading weekdays, holidays and early closes.</summary>
    Exchange = 0,

    /// <summary>Spot FX 24/5: opens Sunday 17:00 New York, closes Friday 17:00 New York; the trading day rolls at 17:00 New York.</summary>
    Fx24x5 = 1,

    /// <summary>Always open (crypto 24/7); trading days are UTC calendar days.</summary>
    Always = 2,
}
