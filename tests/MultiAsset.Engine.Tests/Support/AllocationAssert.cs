namespace MultiAsset.Engine.Tests.Support;

/// <summary>
/// Asserts that a loop allocated nothing per operation. Exactly 0 bytes is the expected value, but on a loaded machine
/// the runtime occasionally allocates a few KB once on the measuring thread (tiered re-compilation); any allocation
/// per operation costs at least 24 bytes, so fewer bytes than operations proves the property without that flakiness.
/// </summary>
public static class AllocationAssert
{
    /// <summary>Fails when <paramref name="allocatedBytes"/> over <paramref name="operations"/> operations could hide a per-operation allocation.</summary>
    public static void NonePerOperation(long allocatedBytes, long operations)
        => Assert.True(
            allocatedBytes >= 0 && allocatedBytes < operations,
            $"{allocatedBytes} bytes allocated over {operations:N0} operations: something allocates per operation");
}
