namespace MultiAsset.Benchmarks.PeerShapes;

/// <summary>The 8-byte value event of the one-to-one, one-to-three and three-to-one shapes.</summary>
public struct PerfValueEvent
{
    public long Value;
}

/// <summary>The event of the three-stage pipeline: two operands in, one result per stage.</summary>
public struct FunctionEvent
{
    public long OperandOne;
    public long OperandTwo;
    public long StepOneResult;
    public long StepTwoResult;
}
