using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// An input bar as a simulated venue sees it (bars-only data has no quotes): the interval it covers, its extremes, its
/// close and its volume. See <see cref="IExecutionVenue.OnBar"/>.
/// </summary>
/// <param name="Start">Start of the bar's interval (engine time, ns).</param>
/// <param name="End">End of the interval (the bar's timestamp, ns): orders placed at or after it are not filled by it.</param>
/// <param name="Open">First price of the interval: the next-bar fill models fill waiting orders at it (or from it).</param>
/// <param name="High">Highest price traded in the interval.</param>
/// <param name="Low">Lowest price traded in the interval.</param>
/// <param name="Close">Last price of the interval: the venue's book is built around it.</param>
/// <param name="Volume">Quantity traded in the interval: resting orders fill from it, at most.</param>
public readonly record struct VenueBar(long Start, long End, Price Open, Price High, Price Low, Price Close, Quantity Volume);
