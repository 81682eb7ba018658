using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// What the state serializer knows about one type, worked out once (reflection stays off the hot path and out of the
/// per-snapshot walk): its kind, its instance fields in declaration order (base classes first), its element types.
/// </summary>
internal sealed class StateShape
{
    private static readonly ConcurrentDictionary<(Type, StateGraphPolicy), StateShape> Cache = new();

    private StateShape(Type type, StateShapeKind kind)
    {
        Type = type;
        Kind = kind;
    }

    /// <summary>The type.</summary>
    public Type Type { get; }

    /// <summary>How values of the type are copied.</summary>
    public StateShapeKind Kind { get; }

    /// <summary>Instance fields (<see cref="StateShapeKind.Object"/>, <see cref="StateShapeKind.Struct"/>).</summary>
    public FieldInfo[] Fields { get; private init; } = [];

    /// <summary>Size in bytes of an unmanaged value, or of one element of an unmanaged array.</summary>
    public int Size { get; private init; }

    /// <summary>Element type of an array, or the value type of a nullable.</summary>
    public Type? ElementType { get; private init; }

    /// <summary>Adds and enumerates the elements of a known collection.</summary>
    public ICollectionAdapter? Collection { get; private init; }

    /// <summary>How a <see cref="StateShapeKind.Text"/> value is written and read.</summary>
    public (Func<object, string> Save, Func<string, object> Load) Converter { get; private init; }

    /// <summary>Why a forbidden type cannot be copied.</summary>
    public string Reason { get; private init; } = string.Empty;

    /// <summary>A line per field, <c>name:type</c>, checked on restore so a snapshot of other stage code is refused.</summary>
    public string Schema { get; private init; } = string.Empty;

    /// <summary>The shape of <paramref name="type"/> under <paramref name="policy"/>.</summary>
    public static StateShape Of(Type type, StateGraphPolicy policy) => Cache.GetOrAdd((type, policy), static key => Create(key.Item1, key.Item2));

    private static StateShape Create(Type type, StateGraphPolicy policy)
    {
        if (policy.IsExternal(type))
        {
            return new StateShape(type, StateShapeKind.External);
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            return new StateShape(type, StateShapeKind.Delegate);
        }

        if (type.IsPointer || type.IsFunctionPointer || type.IsByRef || type == typeof(IntPtr) || type == typeof(UIntPtr))
        {
            return Forbidden(type, "a pointer has no meaning in another process");
        }

        if (TextConverters.TryGet(type, out var converter))
        {
            return new StateShape(type, StateShapeKind.Text) { Converter = converter };
        }

        if (type == typeof(string))
        {
            return new StateShape(type, StateShapeKind.String);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var inner = Of(underlying, policy);
            return inner.Kind != StateShapeKind.Forbidden
                ? new StateShape(type, StateShapeKind.Nullable) { ElementType = underlying }
                : Forbidden(type, inner.Reason);
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            if (type.GetArrayRank() != 1 || !type.IsSZArray)
            {
                return Forbidden(type, "only one-dimensional, zero-based arrays are supported");
            }

            var elementShape = Of(element, policy);
            return elementShape.Kind switch
            {
                StateShapeKind.Unmanaged => new StateShape(type, StateShapeKind.UnmanagedArray) { ElementType = element, Size = elementShape.Size },
                StateShapeKind.Forbidden => Forbidden(type, $"element type: {elementShape.Reason}"),
                _ => new StateShape(type, StateShapeKind.Array) { ElementType = element },
            };
        }

        if (type.IsValueType && !type.IsGenericTypeDefinition && !ContainsReferences(type))
        {
            if (ContainsPointerField(type))
            {
                return Forbidden(type, "holds a pointer, which has no meaning in another process");
            }

            return new StateShape(type, StateShapeKind.Unmanaged) { Size = SizeOf(type) };
        }

        if (CollectionAdapters.For(type) is { } adapter)
        {
            return new StateShape(type, StateShapeKind.Collection) { Collection = adapter };
        }

        if (policy.ForbiddenReason(type) is { } reason)
        {
            return Forbidden(type, reason);
        }

        if (type.IsInterface || type.IsAbstract)
        {
            // Only the runtime type of a value is walked; a declared interface just says "look at the value".
            return new StateShape(type, StateShapeKind.Object);
        }

        var fields = InstanceFields(type);
        return new StateShape(type, type.IsValueType ? StateShapeKind.Struct : StateShapeKind.Object)
        {
            Fields = fields,
            Schema = string.Join('\n', fields.Select(f => $"{f.Name}:{f.FieldType.FullName ?? f.FieldType.Name}")),
        };
    }

    private static StateShape Forbidden(Type type, string reason) => new(type, StateShapeKind.Forbidden) { Reason = $"{Describe(type)} cannot be snapshotted: {reason}" };

    /// <summary>A readable type name for messages.</summary>
    public static string Describe(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;

    /// <summary>Instance fields of <paramref name="type"/> and its base classes, base first, each in declaration order.</summary>
    private static FieldInfo[] InstanceFields(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            chain.Add(t);
        }

        chain.Reverse();
        return [.. chain.SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .OrderBy(f => f.MetadataToken))];
    }

    private static bool ContainsPointerField(Type type)
    {
        if (type.IsPrimitive || type.IsEnum)
        {
            return type == typeof(IntPtr) || type == typeof(UIntPtr);
        }

        return type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(f => f.FieldType.IsPointer || f.FieldType.IsFunctionPointer || (f.FieldType != type && ContainsPointerField(f.FieldType)));
    }

    private static bool ContainsReferences(Type type)
        => (bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!.MakeGenericMethod(type).Invoke(null, null)!;

    private static int SizeOf(Type type)
        => (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
