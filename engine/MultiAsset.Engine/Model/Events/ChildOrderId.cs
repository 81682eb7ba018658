namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// Child order ids carry their parent: <c>child = parent × 4096 + index</c>. Every stage that sees an execution report
/// of a child (coordination, the risk gate's working-order ledger, the router) finds the parent order without a
/// lookup table, and replay rebuilds the same ids.
/// </summary>
public static class ChildOrderId
{
    /// <summary>Children one parent order may have.</summary>
    public const int MaxChildren = 4096;

    private const int Shift = 12;

    /// <summary>The id of child <paramref name="index"/> of <paramref name="parentOrderId"/>.</summary>
    public static long Of(long parentOrderId, int index) => (parentOrderId << Shift) | (uint)(index & (MaxChildren - 1));

    /// <summary>The parent of <paramref name="childOrderId"/>.</summary>
    public static long ParentOf(long childOrderId) => childOrderId >> Shift;

    /// <summary>The index of <paramref name="childOrderId"/> among its parent's children.</summary>
    public static int IndexOf(long childOrderId) => (int)(childOrderId & (MaxChildren - 1));
}
