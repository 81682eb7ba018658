using System.Collections.Concurrent;
using FsCheck.Xunit;
using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Engine.Tests.Journal.Snapshots;

/// <summary>
/// The state serializer on small graphs: values, shared references and cycles survive; a fresh graph is filled in
/// place (its external objects and delegates kept); types it cannot copy safely fail at snapshot time naming the field.
/// </summary>
public sealed class StateGraphSerializerTests
{
    private static readonly StateGraphPolicy Policy = new([typeof(Wiring)]);

    [Fact]
    public void Values_shared_references_and_cycles_come_back()
    {
        var shared = new Node { Name = "shared", Values = [1.5, -2.25] };
        var root = new Node { Name = "root", Values = [3], Next = shared, Other = shared, Point = new Point(7, 8) };
        shared.Next = root;
        root.Children.Add(shared);
        root.ByName["s"] = shared;
        root.Optional = 42;

        var copy = RoundTrip(root, new Node());

        Assert.Equal("root", copy.Name);
        Assert.Equal([3.0], copy.Values);
        Assert.Equal(new Point(7, 8), copy.Point);
        Assert.Equal(42, copy.Optional);
        Assert.Same(copy.Next, copy.Other);
        Assert.Same(copy, copy.Next!.Next);
        Assert.Same(copy.Next, copy.Children[0]);
        Assert.Same(copy.Next, copy.ByName["s"]);
        Assert.Equal([1.5, -2.25], copy.Next.Values);
    }

    [Fact]
    public void A_fresh_graph_is_filled_in_place_keeping_its_wiring_and_delegates()
    {
        var original = new Holder(new Wiring("original")) { Count = 5 };
        original.Book.Add(11);
        original.Book.Add(12);
        var fresh = new Holder(new Wiring("fresh"));
        var freshBook = fresh.Book;
        var freshCallback = fresh.Callback;

        var restored = RoundTrip(original, fresh);

        Assert.Same(fresh, restored);
        Assert.Same(freshBook, fresh.Book);
        Assert.Equal([11, 12], fresh.Book);
        Assert.Equal(5, fresh.Count);
        Assert.Equal("fresh", fresh.Wiring.Name);
        Assert.Same(freshCallback, fresh.Callback);
        Assert.Equal(7, fresh.Callback()); // the fresh delegate sees the restored state
    }

    [Theory]
    [InlineData(typeof(WithThread), "WithThread.worker: Thread cannot be snapshotted")]
    [InlineData(typeof(WithConcurrent), "WithConcurrent.inner.map: ConcurrentDictionary<Int32, Int32> cannot be snapshotted")]
    [InlineData(typeof(WithPointer), "WithPointer.handle: IntPtr cannot be snapshotted")]
    public void A_type_that_cannot_be_copied_safely_fails_at_snapshot_time_naming_the_field(Type type, string message)
    {
        var ex = Assert.Throws<SnapshotException>(() => new StateGraphWriter(Policy).Write([Activator.CreateInstance(type)!], new SnapshotBuffer()));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delegate_without_a_counterpart_in_the_fresh_graph_is_refused_on_restore()
    {
        var buffer = new SnapshotBuffer();
        new StateGraphWriter(Policy).Write([new WithOptionalCallback { Callback = () => 1 }], buffer);
        var ex = Assert.Throws<SnapshotException>(() => new StateGraphReader(Policy).Restore(buffer.Written, [new WithOptionalCallback()]));
        Assert.StartsWith("WithOptionalCallback.Callback: a delegate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_body_is_refused_not_misread()
    {
        var buffer = new SnapshotBuffer();
        new StateGraphWriter(Policy).Write([new Node { Name = "x" }], buffer);
        var truncated = buffer.Written[..^3].ToArray();
        Assert.Throws<SnapshotException>(() => new StateGraphReader(Policy).Restore(truncated, [new Node()]));
    }

    /// <summary>
    /// Collections rebuilt by adding their elements enumerate in the same order as the originals — also after
    /// removals — and a priority queue dequeues in the same order (ties included).
    /// </summary>
    [Property(MaxTest = 200)]
    public bool Collections_round_trip_in_order(int[] adds, int[] removes, string[] names)
    {
        var original = new Collections();
        foreach (var a in adds)
        {
            original.List.Add(a);
            original.Map[a % 50] = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
            original.Set.Add(a % 40);
            original.Queue.Enqueue(a * 0.5);
            original.Heap.Enqueue(a, a % 7);
            original.Sorted[(a % 30).ToString(System.Globalization.CultureInfo.InvariantCulture)] = a;
            original.Stack.Push(a);
        }

        foreach (var r in removes)
        {
            original.Map.Remove(r % 50);
            original.Set.Remove(r % 40);
            if (original.Queue.Count > 0)
            {
                original.Queue.Dequeue();
            }
        }

        foreach (var name in names.Where(n => n is not null))
        {
            original.Names.Add(name);
        }

        var copy = RoundTrip(original, new Collections());
        return original.List.SequenceEqual(copy.List)
            && original.Map.SequenceEqual(copy.Map)
            && original.Set.SequenceEqual(copy.Set)
            && original.Queue.SequenceEqual(copy.Queue)
            && original.Sorted.SequenceEqual(copy.Sorted)
            && original.Stack.SequenceEqual(copy.Stack)
            && original.Names.SequenceEqual(copy.Names)
            && Drain(original.Heap).SequenceEqual(Drain(copy.Heap));
    }

    private static List<int> Drain(PriorityQueue<int, int> heap)
    {
        var order = new List<int>();
        while (heap.TryDequeue(out var item, out _))
        {
            order.Add(item);
        }

        return order;
    }

    private static T RoundTrip<T>(T original, T fresh)
        where T : class
    {
        var buffer = new SnapshotBuffer();
        new StateGraphWriter(Policy).Write([original], buffer);
        new StateGraphReader(Policy).Restore(buffer.Written, [fresh]);
        return fresh;
    }

    private readonly record struct Point(long X, long Y);

    private sealed class Node
    {
        public string Name { get; set; } = string.Empty;

        public double[] Values { get; set; } = [];

        public Node? Next { get; set; }

        public Node? Other { get; set; }

        public Point Point { get; set; }

        public int? Optional { get; set; }

        public List<Node> Children { get; } = [];

        public Dictionary<string, Node> ByName { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Wiring(string Name);

    private sealed class Holder
    {
        public Holder(Wiring wiring)
        {
            Wiring = wiring;
            Callback = () => Count + 2;
        }

        public Wiring Wiring { get; }

        public Func<int> Callback { get; }

        public int Count { get; set; }

        public List<int> Book { get; } = [];
    }

    private sealed class WithOptionalCallback
    {
        public Func<int>? Callback { get; set; }
    }

    private sealed class WithThread
    {
#pragma warning disable CS0414, IDE0052 // only its presence matters
        private readonly Thread worker = new(() => { });
#pragma warning restore CS0414, IDE0052
    }

    private sealed class WithConcurrent
    {
        private readonly Inner inner = new();

        private sealed class Inner
        {
#pragma warning disable IDE0052
            private readonly ConcurrentDictionary<int, int> map = new();
#pragma warning restore IDE0052
        }
    }

    private sealed class WithPointer
    {
#pragma warning disable IDE0052, CS0414
        private readonly IntPtr handle = 1;
#pragma warning restore IDE0052, CS0414
    }

    private sealed class Collections
    {
        public List<int> List { get; } = [];

        public Dictionary<int, string> Map { get; } = [];

        public HashSet<int> Set { get; } = [];

        public Queue<double> Queue { get; } = new();

        public Stack<int> Stack { get; } = new();

        public PriorityQueue<int, int> Heap { get; } = new();

        public SortedDictionary<string, int> Sorted { get; } = new(StringComparer.Ordinal);

        public List<string> Names { get; } = [];
    }
}
