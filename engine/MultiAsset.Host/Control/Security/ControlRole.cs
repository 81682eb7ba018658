namespace MultiAsset.Host.Control.Security;

/// <summary>What an API key may do. Each role includes the ones before it.</summary>
public enum ControlRole
{
    /// <summary>Reads only (the GET endpoints).</summary>
    Viewer = 0,

    /// <summary>Reads, strategies, orders, rebalancing, optimisation and previews (for its accounts).</summary>
    Trader = 1,

    /// <summary>Everything, including the kill switch.</summary>
    Admin = 2,
}
