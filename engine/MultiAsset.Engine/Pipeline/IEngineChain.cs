namespace MultiAsset.Engine.Pipeline;

/// <summary>What the host needs of the chained engine stage besides running it: its input numbering and query count.</summary>
public interface IEngineChain
{
    /// <summary>The input (journal) sequence the next non-query input event gets.</summary>
    long NextInputSequence { get; set; }

    /// <summary>Query slots taken off the input ring (they are consumed but are not input).</summary>
    long QuerySlots { get; }
}
