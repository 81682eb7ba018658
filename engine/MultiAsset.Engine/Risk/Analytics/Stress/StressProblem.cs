namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>One problem in a scenario file or a stress request: the JSON path at fault (<c>$</c> for the root) and why.</summary>
/// <param name="Path">JSON path, e.g. <c>scenarios[2].shocks.instruments.SPY</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record StressProblem(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}: {Message}";
}
