using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>Configuration of one ring (<c>pipeline.rings[]</c> in <c>config/engine.json</c>).</summary>
/// <param name="Name">The ring's name, referenced by the code that wires stages to it.</param>
/// <param name="Size">Slots; a power of two ≥ 2.</param>
/// <param name="Producer">Single when exactly one thread publishes, Multi otherwise.</param>
public sealed record RingOptions(string Name, int Size, ProducerType Producer);
