using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>Parameters of <see cref="SmaCrossStrategy"/>, validated on construction.</summary>
public sealed record SmaCrossParameters
{
    /// <summary>Creates and validates the parameters.</summary>
    /// <param name="fast">Bars of the fast simple moving average (at least 1, less than <paramref name="slow"/>).</param>
    /// <param name="slow">Bars of the slow simple moving average.</param>
    /// <param name="quantity">Units bought on an up-cross while flat (&gt; 0; whole lots are checked by the factory, which knows the instrument).</param>
    public SmaCrossParameters(int fast, int slow, Quantity quantity)
    {
        Fast = ParameterGuard.AtLeast(fast, 1, nameof(fast));
        Slow = slow > fast ? slow : throw new ArgumentOutOfRangeException(nameof(slow), slow, $"slow must be greater than fast ({fast}).");
        Quantity = quantity.Raw > 0 ? quantity : throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "quantity must be greater than 0.");
    }

    /// <summary>Bars of the fast average.</summary>
    public int Fast { get; }

    /// <summary>Bars of the slow average.</summary>
    public int Slow { get; }

    /// <summary>Units bought on an up-cross while flat.</summary>
    public Quantity Quantity { get; }
}
