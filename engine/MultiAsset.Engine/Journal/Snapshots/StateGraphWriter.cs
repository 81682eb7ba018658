using System.Globalization;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// Serializes the object graph of a set of stages (their owned state) into a <see cref="SnapshotBuffer"/>, field by
/// field, with the type knowledge of <see cref="StateShape"/>: unmanaged structs and arrays of them as raw bytes,
/// known collections as their elements, shared references once (an identity table across all roots), configuration,
/// infrastructure and delegates not at all. A type it cannot copy safely throws <see cref="SnapshotException"/> naming
/// the field path, so a stage change can never silently produce a snapshot that restores wrong.
/// </summary>
/// <remarks>
/// Call it on the thread that owns the state (the engine thread, between two input events). One instance is reused
/// from snapshot to snapshot; it is not thread-safe.
/// </remarks>
public sealed class StateGraphWriter
{
    private readonly StateGraphPolicy policy;
    private readonly Dictionary<object, int> ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Type, int> types = [];
    private readonly List<StateShape> typeOrder = [];
    private readonly Stack<List<object?>> itemLists = new();
    private SnapshotBuffer buffer = new(16);

    /// <summary>Creates a writer that leaves out what <paramref name="policy"/> calls external.</summary>
    public StateGraphWriter(StateGraphPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        this.policy = policy;
    }

    /// <summary>Objects written by the last <see cref="Write"/>.</summary>
    public int ObjectCount => ids.Count;

    /// <summary>Clears <paramref name="into"/> and writes every root (in order) into it.</summary>
    /// <exception cref="SnapshotException">A value at some field path cannot be snapshotted.</exception>
    public void Write(IReadOnlyList<object> roots, SnapshotBuffer into)
    {
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(into);
        buffer = into;
        into.Clear();
        ids.Clear();
        types.Clear();
        typeOrder.Clear();
        into.WriteVarint((ulong)roots.Count);
        for (var i = 0; i < roots.Count; i++)
        {
            try
            {
                WriteReference(roots[i], typeof(object));
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(roots[i].GetType().Name);
            }
        }

        StateTypeTable.Append(into, typeOrder);
    }

    private void WriteValue(object? value, Type declared)
    {
        if (!declared.IsValueType)
        {
            WriteReference(value, declared);
            return;
        }

        WriteContent(StateShape.Of(declared, policy), value!);
    }

    private void WriteReference(object? value, Type declared)
    {
        if (value is null)
        {
            buffer.WriteByte(StateGraphTags.Null);
            return;
        }

        if (ids.TryGetValue(value, out var id))
        {
            buffer.WriteByte(StateGraphTags.Reference);
            buffer.WriteVarint((ulong)id);
            return;
        }

        var shape = StateShape.Of(value.GetType(), policy);
        switch (shape.Kind)
        {
            case StateShapeKind.External:
                buffer.WriteByte(StateGraphTags.External);
                return;
            case StateShapeKind.Delegate:
                buffer.WriteByte(StateGraphTags.Delegate);
                return;
            case StateShapeKind.Forbidden:
                throw SnapshotException.At(string.Empty, shape.Reason);
        }

        if (!shape.Type.IsValueType)
        {
            ids.Add(value, ids.Count);
        }

        buffer.WriteByte(StateGraphTags.New);
        WriteType(shape);
        WriteContent(shape, value);
    }

    private void WriteType(StateShape shape)
    {
        if (types.TryGetValue(shape.Type, out var id))
        {
            buffer.WriteVarint((ulong)id);
            return;
        }

        types.Add(shape.Type, types.Count);
        typeOrder.Add(shape);
        buffer.WriteVarint((ulong)types.Count - 1);
        buffer.WriteString(shape.Type.AssemblyQualifiedName ?? throw SnapshotException.At(string.Empty, $"{shape.Type} has no assembly-qualified name"));
        buffer.WriteByte((byte)shape.Kind);
        buffer.WriteString(shape.Schema);
    }

    private void WriteContent(StateShape shape, object value)
    {
        switch (shape.Kind)
        {
            case StateShapeKind.Unmanaged:
                buffer.WriteBytes(RawBytes.OfBox(value, shape.Size));
                break;
            case StateShapeKind.Nullable:
                // A boxed nullable is either null or the boxed value itself.
                WriteNullable(shape, value);
                break;
            case StateShapeKind.Text:
                buffer.WriteString(shape.Converter.Save(value));
                break;
            case StateShapeKind.String:
                buffer.WriteString((string)value);
                break;
            case StateShapeKind.UnmanagedArray:
                var array = (Array)value;
                buffer.WriteVarint((ulong)array.Length);
                buffer.WriteBytes(RawBytes.OfArray(array, shape.Size));
                break;
            case StateShapeKind.Array:
                WriteArray(shape, (Array)value);
                break;
            case StateShapeKind.Struct:
            case StateShapeKind.Object:
                WriteFields(shape, value);
                break;
            case StateShapeKind.Collection:
                WriteCollection(shape.Collection!, value);
                break;
            case StateShapeKind.External:
            case StateShapeKind.Delegate:
                // A struct-typed field of an external or delegate type cannot occur (both are classes).
                break;
            case StateShapeKind.Forbidden:
            default:
                throw SnapshotException.At(string.Empty, shape.Reason);
        }
    }

    private void WriteNullable(StateShape shape, object? value)
    {
        if (value is null)
        {
            buffer.WriteByte(0);
            return;
        }

        buffer.WriteByte(1);
        WriteContent(StateShape.Of(shape.ElementType!, policy), value);
    }

    private void WriteArray(StateShape shape, Array array)
    {
        buffer.WriteVarint((ulong)array.Length);
        var element = shape.ElementType!;
        var objects = array as object?[];
        for (var i = 0; i < array.Length; i++)
        {
            try
            {
                WriteValue(objects is not null ? objects[i] : array.GetValue(i), element);
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(string.Create(CultureInfo.InvariantCulture, $"[{i}]"));
            }
        }
    }

    private void WriteFields(StateShape shape, object value)
    {
        foreach (var field in shape.Fields)
        {
            try
            {
                WriteValue(field.GetValue(value), field.FieldType);
            }
            catch (SnapshotException ex)
            {
                throw ex.Under(field.Name);
            }
        }
    }

    private void WriteCollection(ICollectionAdapter adapter, object collection)
    {
        if (adapter.ComparerType is not null)
        {
            WriteComparer(adapter, adapter.Comparer(collection));
        }

        var items = itemLists.Count > 0 ? itemLists.Pop() : [];
        try
        {
            adapter.Items(collection, items);
            var arity = adapter.ItemTypes.Length;
            buffer.WriteVarint((ulong)(items.Count / arity));
            for (var i = 0; i < items.Count; i++)
            {
                try
                {
                    WriteValue(items[i], adapter.ItemTypes[i % arity]);
                }
                catch (SnapshotException ex)
                {
                    throw ex.Under(string.Create(CultureInfo.InvariantCulture, $"[{i / arity}]"));
                }
            }
        }
        finally
        {
            items.Clear();
            itemLists.Push(items);
        }
    }

    private void WriteComparer(ICollectionAdapter adapter, object? comparer)
    {
        if (adapter.IsDefaultComparer(comparer))
        {
            buffer.WriteByte(StateGraphTags.DefaultComparer);
        }
        else if (ReferenceEquals(comparer, StringComparer.Ordinal))
        {
            buffer.WriteByte(StateGraphTags.OrdinalComparer);
        }
        else if (ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase))
        {
            buffer.WriteByte(StateGraphTags.OrdinalIgnoreCaseComparer);
        }
        else
        {
            buffer.WriteByte(StateGraphTags.ObjectComparer);
            try
            {
                WriteReference(comparer, typeof(object));
            }
            catch (SnapshotException ex)
            {
                throw ex.Under("(comparer)");
            }
        }
    }
}
