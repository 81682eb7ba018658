namespace MultiAsset.Engine.Routing.Stage;

/// <summary>How the router stage schedules parent orders (the engine's defaults; per-order parameters come later).</summary>
public sealed record RouterOptions
{
    /// <summary>Slices of a TWAP parent (Normal urgency).</summary>
    public int TwapSlices { get; init; } = 10;

    /// <summary>Time between TWAP slices.</summary>
    public TimeSpan TwapSliceInterval { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Intraday volume profile of VWAP parents (Low urgency), resampled to <see cref="VwapSlices"/>; U-shaped by default.</summary>
    public IReadOnlyList<double> VwapProfile { get; init; } = [1.6, 1.2, 1.0, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.8];

    /// <summary>Slices of a VWAP parent.</summary>
    public int VwapSlices { get; init; } = 11;

    /// <summary>Time between VWAP slices.</summary>
    public TimeSpan VwapSliceInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time between the slices of a Momentum parent (each sized from the market volume traded since the last).</summary>
    public TimeSpan MomentumSliceInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a Momentum parent participates before what is left goes out at once (thin markets must not strand it).</summary>
    public TimeSpan MomentumHorizon { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Participation model of Momentum parents: 10 % of volume with a neutral signal, +200 % per unit of adverse 1-minute
    /// return (twice the rate at 50 bps against the order), between 2 % and the 25 % POV cap.
    /// </summary>
    public Algorithms.MomentumParameters Momentum { get; init; } = new(0.10, 200, 0.02, 0.25);

    /// <summary>Parent orders working at once (a new one beyond this is refused and counted).</summary>
    public int MaxWorkingParents { get; init; } = 4096;

    /// <summary>
    /// Orders held until the open at once (the risk stage's <c>HeldOrders.Capacity</c>, 1 024): the order ledger keeps a
    /// slot for each besides the working parents.
    /// </summary>
    public int MaxHeldOrders { get; init; } = 1024;

    /// <summary>How much order history the ledger keeps (docs/orders.md).</summary>
    public Orders.OrderLedgerOptions Ledger { get; init; } = new();

    /// <summary>Reports waiting to re-enter the pipeline at once (beyond this the venues are polled less often).</summary>
    public int FeedbackCapacity { get; init; } = 1 << 16;
}
