using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Tests.Routing.Venues;

/// <summary>The open-addressing id index agrees with a dictionary through random adds and removes (backward-shift deletion).</summary>
public class ChildOrderIndexTests
{
    [Fact]
    public void RandomAddsAndRemoves_MatchADictionary()
    {
        var random = new Random(11);
        const int capacity = 64;
        var index = new ChildOrderIndex(capacity);
        var reference = new Dictionary<long, int>();
        for (int step = 0; step < 50_000; step++)
        {
            // A narrow key range forces collisions and long probe runs; sequential-ish keys as the router would send.
            long key = random.Next(0, 300) * (random.Next(2) == 0 ? 1L : 1L << 40);
            if (reference.Count < capacity && random.Next(3) > 0)
            {
                bool added = index.TryAdd(key, step % capacity);
                Assert.Equal(!reference.ContainsKey(key), added);
                reference.TryAdd(key, step % capacity);
            }
            else
            {
                index.Remove(key);
                reference.Remove(key);
            }

            if (step % 97 == 0)
            {
                for (long probe = 0; probe < 300; probe++)
                {
                    foreach (long k in new[] { probe, probe << 40 })
                    {
                        Assert.Equal(reference.TryGetValue(k, out int expected), index.TryGet(k, out int slot));
                        if (reference.ContainsKey(k))
                        {
                            Assert.Equal(expected, slot);
                        }
                    }
                }
            }
        }
    }
}
