namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// When a simulated venue's reports are due, in engine nanoseconds after the event that caused them.
/// </summary>
/// <remarks>
/// The venue decides at once (against the book it shows at that instant); the latency only delays the reports, so a
/// run is deterministic whatever the polling cadence. Each report adds its own uniform jitter in [0, <see cref="JitterNanos"/>],
/// drawn from the venue's seeded generator, and the reports of one order never overtake each other.
/// </remarks>
/// <param name="AckNanos">Submit → ack or reject; cancel request → cancelled or cancel reject. Positive.</param>
/// <param name="FillNanos">Submit → the fills of what trades on arrival (and the IOC/market remainder's cancel); also the
/// delay from a quote that crosses a resting order to that fill's report. At least <paramref name="AckNanos"/>.</param>
/// <param name="JitterNanos">Largest extra delay per report (0: none).</param>
public readonly record struct VenueLatency(long AckNanos, long FillNanos, long JitterNanos);
