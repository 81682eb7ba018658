using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Collections;

namespace MultiAsset.Engine.Tests.Collections;

public class SlotHeapTests
{
    private readonly struct KeyOrder(long[] keys) : ISlotOrder
    {
        public bool Precedes(int a, int b) => keys[a] < keys[b] || (keys[a] == keys[b] && a < b);
    }

    [Fact]
    public void SiftUpAndDown_KeepPositionsWithTheirOffset()
    {
        long[] keys = [50, 40, 30, 20, 10];
        var heap = new int[5];
        var position = new int[5];
        for (var slot = 0; slot < 5; slot++)
        {
            heap[slot] = slot;
            SlotHeap.SiftUp(heap, slot, position, 1, new KeyOrder(keys));
        }

        Assert.Equal(4, heap[0]); // key 10
        for (var k = 0; k < 5; k++)
        {
            Assert.Equal(k + 1, position[heap[k]]);
        }

        keys[4] = 99; // the root's key grows: it sinks below every other slot
        var at = SlotHeap.SiftDown(heap, 5, 0, position, 1, new KeyOrder(keys));
        Assert.Equal(3, heap[0]); // key 20
        Assert.Equal(4, heap[at]);
        Assert.Equal(at + 1, position[4]);
    }

    [Property(MaxTest = 300)]
    public Property PushingThenPopping_GivesKeyOrder_TiesBySlot() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), raw =>
        {
            var keys = raw.Select(k => (long)(k % 7)).ToArray(); // many ties
            int n = keys.Length;
            var heap = new int[n];
            var position = new int[n];
            var order = new KeyOrder(keys);
            for (var slot = 0; slot < n; slot++)
            {
                heap[slot] = slot;
                SlotHeap.SiftUp(heap, slot, position, 0, order);
            }

            var popped = new List<int>();
            for (var count = n; count > 0; count--)
            {
                popped.Add(heap[0]);
                heap[0] = heap[count - 1];
                position[heap[0]] = 0;
                if (count > 1)
                {
                    SlotHeap.SiftDown(heap, count - 1, 0, position, 0, order);
                }
            }

            var expected = Enumerable.Range(0, n).OrderBy(s => keys[s]).ThenBy(s => s).ToList();
            return popped.SequenceEqual(expected);
        });
}
