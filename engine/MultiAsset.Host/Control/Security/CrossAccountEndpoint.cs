namespace MultiAsset.Host.Control.Security;

/// <summary>
/// Endpoint metadata for an endpoint whose answer spans every account (the Prometheus scrape): the gate answers 403
/// to a key scoped to accounts before the endpoint runs. Endpoints that filter by account themselves do not carry it.
/// </summary>
internal sealed class CrossAccountEndpoint
{
    /// <summary>What the endpoint serves, for the 403 message (e.g. "the metrics").</summary>
    public required string What { get; init; }
}
