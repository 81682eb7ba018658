using System.Collections.Frozen;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Reads and rebuilds one kind of BCL collection through its public API: written as its elements in enumeration
/// order, rebuilt by adding them in that order — never its internals (string hash codes are randomised per process,
/// so a dictionary's buckets mean nothing in another one).
/// </summary>
internal interface ICollectionAdapter
{
    /// <summary>The element type, or the key and value types of a map (element and priority of a priority queue).</summary>
    Type[] ItemTypes { get; }

    /// <summary>The comparer's declared type (<c>IEqualityComparer&lt;K&gt;</c> or <c>IComparer&lt;K&gt;</c>), null when the collection has none.</summary>
    Type? ComparerType { get; }

    /// <summary>The items, flattened (key, value, key, value, ... for maps) in the order that rebuilds the collection.</summary>
    void Items(object collection, List<object?> into);

    /// <summary>The collection's comparer, or null.</summary>
    object? Comparer(object collection);

    /// <summary>True when <paramref name="comparer"/> is the default one for the key type.</summary>
    bool IsDefaultComparer(object? comparer);

    /// <summary>An empty collection with <paramref name="comparer"/> (null: the default).</summary>
    object Create(object? comparer, int capacity);

    /// <summary>Removes every item (a reused collection keeps its comparer).</summary>
    void Clear(object collection);

    /// <summary>Adds one item (<paramref name="value"/> unused for single-item collections).</summary>
    void Add(object collection, object? item, object? value);

    /// <summary>True for immutable collections (frozen sets and dictionaries): rebuilt from all their items at once by <see cref="Build"/>.</summary>
    bool Immutable => false;

    /// <summary>
    /// Builds an immutable collection from its flattened items — or returns <paramref name="fresh"/> (the fresh engine's
    /// collection at the same place) when it already holds exactly those items, keeping its identity and its order.
    /// </summary>
    object Build(object? comparer, List<object?> items, object? fresh) => throw new NotSupportedException();
}

/// <summary>Finds the adapter for a collection type.</summary>
internal static class CollectionAdapters
{
    private static readonly Dictionary<Type, Type> Adapters = new()
    {
        [typeof(List<>)] = typeof(ListAdapter<>),
        [typeof(Queue<>)] = typeof(QueueAdapter<>),
        [typeof(Stack<>)] = typeof(StackAdapter<>),
        [typeof(LinkedList<>)] = typeof(LinkedListAdapter<>),
        [typeof(HashSet<>)] = typeof(HashSetAdapter<>),
        [typeof(SortedSet<>)] = typeof(SortedSetAdapter<>),
        [typeof(Dictionary<,>)] = typeof(DictionaryAdapter<,>),
        [typeof(SortedDictionary<,>)] = typeof(SortedDictionaryAdapter<,>),
        [typeof(SortedList<,>)] = typeof(SortedListAdapter<,>),
        [typeof(PriorityQueue<,>)] = typeof(PriorityQueueAdapter<,>),
    };

    /// <summary>The adapter for <paramref name="type"/>, or null when it is not a known collection (subclasses are not: they may add state).</summary>
    public static ICollectionAdapter? For(Type type)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition && Adapters.TryGetValue(type.GetGenericTypeDefinition(), out var adapter))
        {
            return (ICollectionAdapter)Activator.CreateInstance(adapter.MakeGenericType(type.GetGenericArguments()))!;
        }

        // Frozen collections are internal subclasses of FrozenSet<T> / FrozenDictionary<K, V>, chosen by content.
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(FrozenSet<>))
            {
                return (ICollectionAdapter)Activator.CreateInstance(typeof(FrozenSetAdapter<>).MakeGenericType(t.GetGenericArguments()))!;
            }

            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(FrozenDictionary<,>))
            {
                return (ICollectionAdapter)Activator.CreateInstance(typeof(FrozenDictionaryAdapter<,>).MakeGenericType(t.GetGenericArguments()))!;
            }
        }

        return null;
    }
}

internal abstract class SequenceAdapter<T, TCollection> : ICollectionAdapter
    where TCollection : IEnumerable<T>
{
    public Type[] ItemTypes { get; } = [typeof(T)];

    public virtual Type? ComparerType => null;

    public virtual void Items(object collection, List<object?> into)
    {
        foreach (var item in (TCollection)collection)
        {
            into.Add(item);
        }
    }

    public virtual object? Comparer(object collection) => null;

    public virtual bool IsDefaultComparer(object? comparer) => comparer is null;

    public abstract object Create(object? comparer, int capacity);

    public abstract void Clear(object collection);

    public abstract void Add(object collection, object? item, object? value);
}

internal sealed class ListAdapter<T> : SequenceAdapter<T, List<T>>
{
    public override object Create(object? comparer, int capacity) => new List<T>(capacity);

    public override void Clear(object collection) => ((List<T>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((List<T>)collection).Add((T)item!);
}

internal sealed class QueueAdapter<T> : SequenceAdapter<T, Queue<T>>
{
    public override object Create(object? comparer, int capacity) => new Queue<T>(capacity);

    public override void Clear(object collection) => ((Queue<T>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((Queue<T>)collection).Enqueue((T)item!);
}

internal sealed class StackAdapter<T> : SequenceAdapter<T, Stack<T>>
{
    /// <summary>Bottom first, so pushing them in order rebuilds the stack.</summary>
    public override void Items(object collection, List<object?> into)
    {
        var start = into.Count;
        base.Items(collection, into);
        into.Reverse(start, into.Count - start);
    }

    public override object Create(object? comparer, int capacity) => new Stack<T>(capacity);

    public override void Clear(object collection) => ((Stack<T>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((Stack<T>)collection).Push((T)item!);
}

internal sealed class LinkedListAdapter<T> : SequenceAdapter<T, LinkedList<T>>
{
    public override object Create(object? comparer, int capacity) => new LinkedList<T>();

    public override void Clear(object collection) => ((LinkedList<T>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((LinkedList<T>)collection).AddLast((T)item!);
}

internal sealed class HashSetAdapter<T> : SequenceAdapter<T, HashSet<T>>
{
    public override Type? ComparerType => typeof(IEqualityComparer<T>);

    public override object? Comparer(object collection) => ((HashSet<T>)collection).Comparer;

    public override bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, EqualityComparer<T>.Default);

    public override object Create(object? comparer, int capacity) => new HashSet<T>(capacity, (IEqualityComparer<T>?)comparer);

    public override void Clear(object collection) => ((HashSet<T>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((HashSet<T>)collection).Add((T)item!);
}

internal sealed class SortedSetAdapter<T> : SequenceAdapter<T, SortedSet<T>>
{
    public override Type? ComparerType => typeof(IComparer<T>);

    public override object? Comparer(object collection) => ((SortedSet<T>)collection).Comparer;

    public override bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, Comparer<T>.Default);

    public override object Create(object? comparer, int capacity) => new SortedSet<T>((IComparer<T>?)comparer);

    public override void Clear(object collection) => ((SortedSet<T>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((SortedSet<T>)collection).Add((T)item!);
}

internal abstract class MapAdapter<TKey, TValue, TCollection> : ICollectionAdapter
    where TCollection : IEnumerable<KeyValuePair<TKey, TValue>>
{
    public Type[] ItemTypes { get; } = [typeof(TKey), typeof(TValue)];

    public abstract Type? ComparerType { get; }

    public void Items(object collection, List<object?> into)
    {
        foreach (var (key, value) in (TCollection)collection)
        {
            into.Add(key);
            into.Add(value);
        }
    }

    public abstract object? Comparer(object collection);

    public abstract bool IsDefaultComparer(object? comparer);

    public abstract object Create(object? comparer, int capacity);

    public abstract void Clear(object collection);

    public abstract void Add(object collection, object? item, object? value);
}

internal sealed class DictionaryAdapter<TKey, TValue> : MapAdapter<TKey, TValue, Dictionary<TKey, TValue>>
    where TKey : notnull
{
    public override Type? ComparerType => typeof(IEqualityComparer<TKey>);

    public override object? Comparer(object collection) => ((Dictionary<TKey, TValue>)collection).Comparer;

    public override bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default);

    public override object Create(object? comparer, int capacity) => new Dictionary<TKey, TValue>(capacity, (IEqualityComparer<TKey>?)comparer);

    public override void Clear(object collection) => ((Dictionary<TKey, TValue>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((Dictionary<TKey, TValue>)collection).Add((TKey)item!, (TValue)value!);
}

internal sealed class SortedDictionaryAdapter<TKey, TValue> : MapAdapter<TKey, TValue, SortedDictionary<TKey, TValue>>
    where TKey : notnull
{
    public override Type? ComparerType => typeof(IComparer<TKey>);

    public override object? Comparer(object collection) => ((SortedDictionary<TKey, TValue>)collection).Comparer;

    public override bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, Comparer<TKey>.Default);

    public override object Create(object? comparer, int capacity) => new SortedDictionary<TKey, TValue>((IComparer<TKey>?)comparer);

    public override void Clear(object collection) => ((SortedDictionary<TKey, TValue>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((SortedDictionary<TKey, TValue>)collection).Add((TKey)item!, (TValue)value!);
}

internal sealed class SortedListAdapter<TKey, TValue> : MapAdapter<TKey, TValue, SortedList<TKey, TValue>>
    where TKey : notnull
{
    public override Type? ComparerType => typeof(IComparer<TKey>);

    public override object? Comparer(object collection) => ((SortedList<TKey, TValue>)collection).Comparer;

    public override bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, Comparer<TKey>.Default);

    public override object Create(object? comparer, int capacity) => new SortedList<TKey, TValue>(capacity, (IComparer<TKey>?)comparer);

    public override void Clear(object collection) => ((SortedList<TKey, TValue>)collection).Clear();

    public override void Add(object collection, object? item, object? value) => ((SortedList<TKey, TValue>)collection).Add((TKey)item!, (TValue)value!);
}

/// <summary>
/// A priority queue is written in its heap's array order; enqueueing a valid heap in array order leaves every
/// element where it was, so ties dequeue in the same order after a restore.
/// </summary>
internal sealed class PriorityQueueAdapter<TElement, TPriority> : ICollectionAdapter
{
    public Type[] ItemTypes { get; } = [typeof(TElement), typeof(TPriority)];

    public Type? ComparerType => typeof(IComparer<TPriority>);

    public void Items(object collection, List<object?> into)
    {
        foreach (var (element, priority) in ((PriorityQueue<TElement, TPriority>)collection).UnorderedItems)
        {
            into.Add(element);
            into.Add(priority);
        }
    }

    public object? Comparer(object collection) => ((PriorityQueue<TElement, TPriority>)collection).Comparer;

    public bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, Comparer<TPriority>.Default);

    public object Create(object? comparer, int capacity) => new PriorityQueue<TElement, TPriority>(capacity, (IComparer<TPriority>?)comparer);

    public void Clear(object collection) => ((PriorityQueue<TElement, TPriority>)collection).Clear();

    public void Add(object collection, object? item, object? value) => ((PriorityQueue<TElement, TPriority>)collection).Enqueue((TElement)item!, (TPriority)value!);
}

/// <summary>A frozen set: written as its items, rebuilt with <see cref="FrozenSet.ToFrozenSet{T}(IEnumerable{T}, IEqualityComparer{T}?)"/>.</summary>
internal sealed class FrozenSetAdapter<T> : SequenceAdapter<T, FrozenSet<T>>, ICollectionAdapter
{
    public override Type? ComparerType => typeof(IEqualityComparer<T>);

    public bool Immutable => true;

    public override object? Comparer(object collection) => ((FrozenSet<T>)collection).Comparer;

    public override bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, EqualityComparer<T>.Default);

    public override object Create(object? comparer, int capacity) => throw new NotSupportedException();

    public override void Clear(object collection) => throw new NotSupportedException();

    public override void Add(object collection, object? item, object? value) => throw new NotSupportedException();

    public object Build(object? comparer, List<object?> items, object? fresh)
        => fresh is FrozenSet<T> set && set.Count == items.Count && items.All(i => set.Contains((T)i!))
            ? set
            : items.Select(i => (T)i!).ToFrozenSet((IEqualityComparer<T>?)comparer);
}

/// <summary>A frozen dictionary: written as its pairs, rebuilt with <see cref="FrozenDictionary.ToFrozenDictionary{TKey, TValue}(IEnumerable{KeyValuePair{TKey, TValue}}, IEqualityComparer{TKey}?)"/>.</summary>
internal sealed class FrozenDictionaryAdapter<TKey, TValue> : MapAdapter<TKey, TValue, FrozenDictionary<TKey, TValue>>, ICollectionAdapter
    where TKey : notnull
{
    public override Type? ComparerType => typeof(IEqualityComparer<TKey>);

    public bool Immutable => true;

    public override object? Comparer(object collection) => ((FrozenDictionary<TKey, TValue>)collection).Comparer;

    public override bool IsDefaultComparer(object? comparer) => comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default);

    public override object Create(object? comparer, int capacity) => throw new NotSupportedException();

    public override void Clear(object collection) => throw new NotSupportedException();

    public override void Add(object collection, object? item, object? value) => throw new NotSupportedException();

    public object Build(object? comparer, List<object?> items, object? fresh)
    {
        if (fresh is FrozenDictionary<TKey, TValue> map && map.Count == items.Count / 2
            && Enumerable.Range(0, map.Count).All(i => map.TryGetValue((TKey)items[2 * i]!, out var v) && EqualityComparer<TValue>.Default.Equals(v, (TValue)items[(2 * i) + 1]!)))
        {
            return map;
        }

        var pairs = new List<KeyValuePair<TKey, TValue>>(items.Count / 2);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            pairs.Add(new KeyValuePair<TKey, TValue>((TKey)items[i]!, (TValue)items[i + 1]!));
        }

        return pairs.ToFrozenDictionary((IEqualityComparer<TKey>?)comparer);
    }
}
