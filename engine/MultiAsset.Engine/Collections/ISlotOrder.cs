namespace MultiAsset.Engine.Collections;

/// <summary>
/// The order of a <see cref="SlotHeap"/>: whether slot <c>a</c> comes before slot <c>b</c>. Implemented by a struct over
/// the owner's key arrays, so the heap's generic methods are specialised and the comparison inlined.
/// </summary>
internal interface ISlotOrder
{
    /// <summary>Whether slot <paramref name="a"/> comes strictly before slot <paramref name="b"/>.</summary>
    bool Precedes(int a, int b);
}
