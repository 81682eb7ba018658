using System.Globalization;
using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Restores what <see cref="StateGraphWriter"/> wrote <b>into the stages of a freshly built engine</b> (same
/// configuration), in place: an object of the same type at the same field path in the fresh graph is reused and its
/// fields overwritten, so the fresh engine's external objects (rings, catalogs, reply hubs) and delegates — which close
/// over fresh objects — stay wired; objects the fresh graph does not have are created. Collections are cleared and
/// refilled through their public API (a reused one keeps its comparer).
/// </summary>
/// <remarks>
/// Every type the snapshot names is checked against the running code (kind and field list); a snapshot of other stage
/// code is refused with <see cref="SnapshotException"/> rather than misread. Call it before the engine starts.
/// </remarks>
public sealed class StateGraphReader
{
    private readonly StateGraphPolicy policy;
    private readonly List<object> byId = [];
    private readonly List<StateShape> types = [];
    private readonly HashSet<object> claimed = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a reader with the policy the snapshot was written with.</summary>
    public StateGraphReader(StateGraphPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.policy = policy;
    }

    /// <summary>
    /// Restores <paramref name="body"/> into <paramref name="roots"/> (the same roots, in the same order, as written).
    /// Check <see cref="StateTypeTable.FindChange"/> first: a body of other stage code fails here only after some
    /// stages have been overwritten.
    /// </summary>
    /// <exception cref="SnapshotException">The body is damaged, of other code, or a value has no counterpart in the fresh engine.</exception>
    public void Restore(ReadOnlySpan<byte> body, IReadOnlyList<object> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        body = body[..StateTypeTable.StagesLength(body)];
        byId.Clear();
        types.Clear();
        claimed.Clear();
        var reader = new SnapshotBufferReader(body);
        var count = reader.ReadVarint();
        if (count != (ulong)roots.Count)
        {
            throw new SnapshotException($"the snapshot holds {count} stages but the engine has {roots.Count}");
        }

        for (var i = 0; i < roots.Count; i++)
        {
            try
            {
                var restored = ReadReference(ref reader, typeof(object), roots[i]);
                if (!ReferenceEquals(restored, roots[i]))
                {
                    throw SnapshotException.At(string.Empty, $"restored a {restored?.GetType().Name ?? "null"} instead of filling the engine's {roots[i].GetType().Name}");
                }
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(roots[i].GetType().Name);
            }
        }

        if (reader.Remaining != 0)
        {
            throw new SnapshotException($"{reader.Remaining} bytes are left over after the last stage");
        }
    }

    private object? ReadValue(ref SnapshotBufferReader reader, Type declared, object? fresh)
        => declared.IsValueType ? ReadContent(ref reader, StateShape.Of(declared, policy), fresh, id: -1) : ReadReference(ref reader, declared, fresh);

    private object? ReadReference(ref SnapshotBufferReader reader, Type declared, object? fresh)
    {
        switch (reader.ReadByte())
        {
            case StateGraphTags.Null:
                return null;
            case StateGraphTags.Reference:
                var id = reader.ReadVarint();
                return id < (ulong)byId.Count ? byId[(int)id] : throw new SnapshotException($"reference to object {id} before it was written");
            case StateGraphTags.External:
                return fresh is not null && declared.IsInstanceOfType(fresh)
                    ? fresh
                    : throw SnapshotException.At(string.Empty, $"configuration object of type {StateShape.Describe(declared)} has no counterpart in the fresh engine");
            case StateGraphTags.Delegate:
                return fresh is Delegate && declared.IsInstanceOfType(fresh)
                    ? fresh
                    : throw SnapshotException.At(string.Empty, $"a delegate ({StateShape.Describe(declared)}) has no counterpart in the fresh engine (delegates are not written: the engine must create them where the snapshot finds them)");
            case StateGraphTags.New:
                var shape = ReadType(ref reader);
                if (!declared.IsAssignableFrom(shape.Type))
                {
                    throw SnapshotException.At(string.Empty, $"a {StateShape.Describe(shape.Type)} does not fit a field of type {StateShape.Describe(declared)}");
                }

                return ReadContent(ref reader, shape, fresh, shape.Type.IsValueType ? -1 : byId.Count);
            case var tag:
                throw new SnapshotException($"unknown tag {tag} in the snapshot body");
        }
    }

    private StateShape ReadType(ref SnapshotBufferReader reader)
    {
        var id = reader.ReadVarint();
        if (id < (ulong)types.Count)
        {
            return types[(int)id];
        }

        if (id != (ulong)types.Count)
        {
            throw new SnapshotException($"type {id} used before it was defined");
        }

        var name = reader.ReadString();
        var kind = (StateShapeKind)reader.ReadByte();
        var schema = reader.ReadString();
        var type = Type.GetType(name, throwOnError: false) ?? throw new SnapshotException($"the snapshot names type {name}, which this build does not have");
        var shape = StateShape.Of(type, policy);
        if (shape.Kind != kind || !string.Equals(shape.Schema, schema, StringComparison.Ordinal))
        {
            throw new SnapshotException($"type {StateShape.Describe(type)} has changed since the snapshot was written (kind {kind} → {shape.Kind}; fields [{schema.Replace('\n', ' ')}] → [{shape.Schema.Replace('\n', ' ')}])");
        }

        types.Add(shape);
        return shape;
    }

    /// <summary>Reads the content of a value of <paramref name="shape"/>; <paramref name="id"/> is the identity to register a new reference object under (-1 for values).</summary>
    private object? ReadContent(ref SnapshotBufferReader reader, StateShape shape, object? fresh, int id)
    {
        switch (shape.Kind)
        {
            case StateShapeKind.Unmanaged:
                var box = RuntimeHelpers.GetUninitializedObject(shape.Type);
                reader.ReadBytes(shape.Size).CopyTo(RawBytes.OfBox(box, shape.Size));
                return box;
            case StateShapeKind.Nullable:
                return reader.ReadByte() == 0 ? null : ReadContent(ref reader, StateShape.Of(shape.ElementType!, policy), null, -1);
            case StateShapeKind.Text:
                return shape.Converter.Load(reader.ReadString());
            case StateShapeKind.String:
                return Register(reader.ReadString(), id);
            case StateShapeKind.UnmanagedArray:
                return ReadUnmanagedArray(ref reader, shape, fresh, id);
            case StateShapeKind.Array:
                return ReadArray(ref reader, shape, fresh, id);
            case StateShapeKind.Struct:
                // A boxed copy: filled, then stored back into its field by the caller.
                var reuse = fresh is not null && fresh.GetType() == shape.Type;
                var value = reuse ? fresh! : RuntimeHelpers.GetUninitializedObject(shape.Type);
                ReadFields(ref reader, shape, value, reuse);
                return value;
            case StateShapeKind.Object:
                var target = Claim(fresh, shape.Type) ?? RuntimeHelpers.GetUninitializedObject(shape.Type);
                Register(target, id);
                ReadFields(ref reader, shape, target, reuse: ReferenceEquals(target, fresh));
                return target;
            case StateShapeKind.Collection:
                return ReadCollection(ref reader, shape, fresh, id);
            default:
                throw SnapshotException.At(string.Empty, shape.Reason.Length > 0 ? shape.Reason : $"{StateShape.Describe(shape.Type)} cannot be restored");
        }
    }

    private object Register(object value, int id)
    {
        if (id >= 0)
        {
            if (id != byId.Count)
            {
                throw new SnapshotException($"object {id} registered out of order");
            }

            byId.Add(value);
        }

        return value;
    }

    /// <summary><paramref name="fresh"/> when it has exactly <paramref name="type"/> and no other path has taken it yet.</summary>
    private object? Claim(object? fresh, Type type) => fresh is not null && fresh.GetType() == type && claimed.Add(fresh) ? fresh : null;

    private Array ReadUnmanagedArray(ref SnapshotBufferReader reader, StateShape shape, object? fresh, int id)
    {
        var length = reader.ReadLength();
        var array = fresh is Array a && a.Length == length ? (Array?)Claim(fresh, shape.Type) : null;
        array ??= Array.CreateInstance(shape.ElementType!, length);
        Register(array, id);
        reader.ReadBytes(checked(length * shape.Size)).CopyTo(RawBytes.OfArray(array, shape.Size));
        return array;
    }

    private Array ReadArray(ref SnapshotBufferReader reader, StateShape shape, object? fresh, int id)
    {
        var length = reader.ReadLength();
        var freshArray = fresh as Array;
        var array = freshArray is not null && freshArray.Length == length ? (Array?)Claim(fresh, shape.Type) : null;
        array ??= Array.CreateInstance(shape.ElementType!, length);
        Register(array, id);
        for (var i = 0; i < length; i++)
        {
            try
            {
                var candidate = freshArray is not null && i < freshArray.Length ? freshArray.GetValue(i) : null;
                array.SetValue(ReadValue(ref reader, shape.ElementType!, candidate), i);
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(string.Create(CultureInfo.InvariantCulture, $"[{i}]"));
            }
        }

        return array;
    }

    private void ReadFields(ref SnapshotBufferReader reader, StateShape shape, object target, bool reuse)
    {
        foreach (var field in shape.Fields)
        {
            try
            {
                var value = ReadValue(ref reader, field.FieldType, reuse ? field.GetValue(target) : null);
                field.SetValue(target, value);
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(field.Name);
            }
        }
    }

    /// <summary>An immutable collection: its items first, then built; its identity slot is reserved before the items so ids stay in step with the writer.</summary>
    private object ReadImmutable(ref SnapshotBufferReader reader, ICollectionAdapter adapter, object? comparer, int count, object? fresh, int id)
    {
        Register(adapter, id);
        var arity = adapter.ItemTypes.Length;
        var items = new List<object?>(count * arity);
        for (var i = 0; i < count * arity; i++)
        {
            try
            {
                items.Add(ReadValue(ref reader, adapter.ItemTypes[i % arity], null));
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(string.Create(CultureInfo.InvariantCulture, $"[{i / arity}]"));
            }
        }

        var built = adapter.Build(comparer, items, fresh);
        if (id >= 0)
        {
            byId[id] = built;
        }

        return built;
    }

    private object ReadCollection(ref SnapshotBufferReader reader, StateShape shape, object? fresh, int id)
    {
        var adapter = shape.Collection!;
        object? comparer = null;
        if (adapter.ComparerType is not null)
        {
            comparer = reader.ReadByte() switch
            {
                StateGraphTags.DefaultComparer => null,
                StateGraphTags.OrdinalComparer => StringComparer.Ordinal,
                StateGraphTags.OrdinalIgnoreCaseComparer => StringComparer.OrdinalIgnoreCase,
                StateGraphTags.ObjectComparer => ReadReference(ref reader, adapter.ComparerType, null),
                var tag => throw new SnapshotException($"unknown comparer tag {tag}"),
            };
        }

        var count = reader.ReadLength();
        var arity = adapter.ItemTypes.Length;
        if (adapter.Immutable)
        {
            return ReadImmutable(ref reader, adapter, comparer, count, fresh, id);
        }

        var target = Claim(fresh, shape.Type);
        List<object?> freshItems = [];
        if (target is not null)
        {
            adapter.Items(target, freshItems);
            adapter.Clear(target);
        }
        else
        {
            target = adapter.Create(comparer, count);
        }

        Register(target, id);

        // Fresh counterparts of the items: by index for sequences, by key for maps.
        Dictionary<object, object?>? freshByKey = null;
        if (arity == 2 && freshItems.Count > 0)
        {
            freshByKey = [];
            for (var i = 0; i + 1 < freshItems.Count; i += 2)
            {
                freshByKey.TryAdd(freshItems[i]!, freshItems[i + 1]);
            }
        }

        for (var i = 0; i < count; i++)
        {
            try
            {
                if (arity == 1)
                {
                    adapter.Add(target, ReadValue(ref reader, adapter.ItemTypes[0], i < freshItems.Count ? freshItems[i] : null), null);
                }
                else
                {
                    var key = ReadValue(ref reader, adapter.ItemTypes[0], null);
                    object? freshValue = null;
                    if (key is not null && freshByKey is not null)
                    {
                        freshByKey.TryGetValue(key, out freshValue);
                    }

                    adapter.Add(target, key, ReadValue(ref reader, adapter.ItemTypes[1], freshValue));
                }
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(string.Create(CultureInfo.InvariantCulture, $"[{i}]"));
            }
        }

        return target;
    }
}
