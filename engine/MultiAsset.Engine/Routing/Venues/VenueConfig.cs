using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>
/// The contents of <c>config/venues.json</c>: the venues by dense id, the seed's <c>assetClassRoutes</c> (venues per asset
/// class in preference order) and the routing policy. Immutable once read.
/// </summary>
public sealed class VenueConfig
{
    private readonly VenueDefinition[] venues;
    private readonly VenueId[][] routes;

    /// <summary>
    /// Builds the configuration. <paramref name="venues"/> must have ids 0..n-1 in order; every route must name venues of
    /// this list. <see cref="VenueConfigReader"/> checks this with JSON paths first; here a violation is a programming error.
    /// </summary>
    /// <exception cref="ArgumentException">The rules above are broken.</exception>
    public VenueConfig(IReadOnlyList<VenueDefinition> venues, IReadOnlyDictionary<AssetClass, IReadOnlyList<VenueId>> assetClassRoutes, VenueRoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(venues);
        ArgumentNullException.ThrowIfNull(assetClassRoutes);
        ArgumentNullException.ThrowIfNull(policy);
        this.venues = [.. venues];
        for (int i = 0; i < this.venues.Length; i++)
        {
            if (this.venues[i] is null || this.venues[i].Id.Value != i)
            {
                throw new ArgumentException($"Venue at position {i} must have id {i}.", nameof(venues));
            }
        }

        var classes = Enum.GetValues<AssetClass>();
        routes = new VenueId[classes.Length][];
        foreach (var assetClass in classes)
        {
            var route = assetClassRoutes.TryGetValue(assetClass, out var list) ? list.ToArray() : [];
            if (route.Any(v => v.Value < 0 || v.Value >= this.venues.Length))
            {
                throw new ArgumentException($"The {AssetClassNames.ToSeedName(assetClass)} route names a venue that does not exist.", nameof(assetClassRoutes));
            }

            routes[(int)assetClass] = route;
        }

        Policy = policy;
    }

    /// <summary>Every venue, by id.</summary>
    public IReadOnlyList<VenueDefinition> Venues => venues;

    /// <summary>When the router skips a venue.</summary>
    public VenueRoutingPolicy Policy { get; }

    /// <summary>The venue with dense id <paramref name="id"/>.</summary>
    public VenueDefinition this[VenueId id] => venues[id.Value];

    /// <summary>The venues orders of <paramref name="assetClass"/> are routed to, in preference order (a span: no allocation).</summary>
    public ReadOnlySpan<VenueId> RoutesFor(AssetClass assetClass) => routes[(int)assetClass];

    /// <summary>Looks a venue up by name (exact, case-sensitive); off the hot path.</summary>
    public bool TryGet(string name, out VenueDefinition? venue)
    {
        venue = Array.Find(venues, v => string.Equals(v.Name, name, StringComparison.Ordinal));
        return venue is not null;
    }
}
