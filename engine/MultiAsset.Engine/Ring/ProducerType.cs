namespace MultiAsset.Engine.Ring;

/// <summary>Who publishes into a ring.</summary>
public enum ProducerType
{
    /// <summary>Exactly one thread publishes: claims are plain writes, no atomics.</summary>
    Single,

    /// <summary>Any number of threads publish: claims use CAS, publication is tracked per slot.</summary>
    Multi,
}
