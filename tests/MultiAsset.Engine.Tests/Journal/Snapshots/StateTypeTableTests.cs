using System.Text;
using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Engine.Tests.Journal.Snapshots;

/// <summary>
/// The type table at the end of a snapshot body: a body of this build checks clean; one naming a type whose fields
/// changed (or a type this build lacks) is found out before any stage is touched; a body without a table (written
/// before tables existed) is left to the restore, which still reads it.
/// </summary>
public sealed class StateTypeTableTests
{
    private static readonly StateGraphPolicy Policy = new([]);

    [Fact]
    public void A_body_of_this_build_checks_clean_and_restores()
    {
        var body = Write(new Counter { Count = 9 });

        Assert.Null(StateTypeTable.FindChange(body, Policy));
        var fresh = new Counter();
        new StateGraphReader(Policy).Restore(body, [fresh]);
        Assert.Equal(9, fresh.Count);
    }

    [Fact]
    public void A_changed_field_list_is_found_before_restoring()
    {
        var body = Write(new Counter { Count = 9 });
        // The field "Count" renamed in the table's schema: what a snapshot of an older build of the class looks like.
        var changed = Replace(body, "Count", "Cnt_1");

        var change = StateTypeTable.FindChange(changed, Policy);

        Assert.NotNull(change);
        Assert.Contains("Counter has changed", change, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_this_build_lacks_is_found()
    {
        var body = Write(new Counter { Count = 9 });
        var changed = Replace(body, nameof(Counter), "Counte_");

        Assert.Contains("which this build does not have", StateTypeTable.FindChange(changed, Policy), StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_without_a_table_still_restores()
    {
        var body = Write(new Counter { Count = 4 });
        var stagesOnly = body[..StateTypeTable.StagesLength(body)];

        Assert.True(stagesOnly.Length < body.Length);
        Assert.Null(StateTypeTable.FindChange(stagesOnly, Policy));
        var fresh = new Counter();
        new StateGraphReader(Policy).Restore(stagesOnly, [fresh]);
        Assert.Equal(4, fresh.Count);
    }

    private static byte[] Write(object root)
    {
        var buffer = new SnapshotBuffer();
        new StateGraphWriter(Policy).Write([root], buffer);
        return buffer.Written.ToArray();
    }

    /// <summary>Replaces the last occurrence of <paramref name="from"/> (UTF-16, as strings are written) — the one in the table.</summary>
    private static byte[] Replace(byte[] body, string from, string to)
    {
        var needle = Encoding.Unicode.GetBytes(from);
        var at = body.AsSpan().LastIndexOf(needle);
        Assert.True(at >= StateTypeTable.StagesLength(body), "the name should be found in the table");
        var copy = body.ToArray();
        Encoding.Unicode.GetBytes(to).CopyTo(copy, at);
        return copy;
    }

    private sealed class Counter
    {
        public int Count { get; set; }
    }
}
