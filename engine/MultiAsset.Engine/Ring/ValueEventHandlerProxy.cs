using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// Wraps a class handler in a generated struct so that generic hot loops are compiled for it alone.
/// </summary>
/// <remarks>
/// <para>.NET shares one compiled body among all reference-type instantiations of a generic type: a processor generic
/// over a sealed handler class still calls <c>OnEvent</c> through a runtime dictionary lookup and an interface
/// dispatch, per event. Instantiated over a struct, the loop gets its own code; the struct's <c>OnEvent</c> calls the
/// handler through a field typed as the handler's exact class, which the JIT devirtualises (and can inline) when the
/// class is sealed. This is the same trick as Disruptor-net's processor factory (reimplemented here).</para>
/// <para>Only public handler and event types are wrapped (the generated code lives in its own dynamic assembly and is
/// subject to access checks); anything else, value-type handlers (already specialised) and runtimes without dynamic
/// code get <see langword="null"/> and the caller uses the handler as it is.</para>
/// </remarks>
internal static class ValueEventHandlerProxy
{
    private static readonly ConcurrentDictionary<(Type Event, Type Handler), Type?> ProxyTypes = new();
    private static int generated;

    /// <summary>
    /// A struct type implementing <see cref="IValueEventHandler{T}"/> with a constructor taking
    /// <paramref name="handlerType"/>, or <see langword="null"/> when the handler should be used unwrapped.
    /// </summary>
    public static Type? ProxyTypeFor<T>(Type handlerType)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        if (handlerType.IsValueType || !RuntimeFeature.IsDynamicCodeSupported || !handlerType.IsVisible || !typeof(T).IsVisible
            || !typeof(IValueEventHandler<T>).IsAssignableFrom(handlerType))
        {
            return null;
        }

        return ProxyTypes.GetOrAdd((typeof(T), handlerType), static key => TryGenerate(key.Event, key.Handler));
    }

    /// <summary>
    /// Creates <paramref name="openGeneric"/>&lt;T, proxy&gt; (or &lt;T, handler&gt; when no proxy applies) with
    /// <paramref name="arguments"/>, where the argument at <paramref name="handlerIndex"/> is the handler.
    /// </summary>
    public static object Instantiate<T, THandler>(Type openGeneric, THandler handler, int handlerIndex, params object?[] arguments)
        where T : struct
        where THandler : IValueEventHandler<T>
    {
        ArgumentNullException.ThrowIfNull(openGeneric);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(arguments);
        var proxyType = ProxyTypeFor<T>(handler.GetType());
        var handlerArgument = proxyType is null ? (object)handler : Activator.CreateInstance(proxyType, handler)!;
        var closed = openGeneric.MakeGenericType(typeof(T), proxyType ?? typeof(THandler));
        var args = (object?[])arguments.Clone();
        args[handlerIndex] = handlerArgument;
        return Activator.CreateInstance(closed, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, binder: null, args, culture: null)!;
    }

    private static Type? TryGenerate(Type eventType, Type handlerType)
    {
        try
        {
            return Generate(eventType, handlerType);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or TypeLoadException or ArgumentException)
        {
            return null;
        }
    }

    private static Type Generate(Type eventType, Type handlerType)
    {
        var id = Interlocked.Increment(ref generated);
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName($"MultiAsset.Engine.HandlerProxies{id}"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("HandlerProxies");
        var handlerInterface = typeof(IValueEventHandler<>).MakeGenericType(eventType);
        var type = module.DefineType(
            $"HandlerProxy{id}_{handlerType.Name}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout,
            typeof(ValueType),
            [handlerInterface]);
        var field = type.DefineField("handler", handlerType, FieldAttributes.Private | FieldAttributes.InitOnly);

        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [handlerType]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, field);
        il.Emit(OpCodes.Ret);

        var onEvent = handlerInterface.GetMethod(nameof(IValueEventHandler<>.OnEvent))!;
        var method = type.DefineMethod(
            onEvent.Name,
            MethodAttributes.Public | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot | MethodAttributes.Virtual,
            typeof(void),
            [eventType.MakeByRefType(), typeof(long), typeof(bool)]);
        il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldarg_3);
        il.Emit(OpCodes.Callvirt, onEvent);
        il.Emit(OpCodes.Ret);
        type.DefineMethodOverride(method, onEvent);
        return type.CreateType();
    }
}
