using System.Runtime.CompilerServices;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.Model.Events;

/// <summary>The input event is journalled byte for byte: its layout is a file format.</summary>
public class InputEventLayoutTests
{
    private static int OffsetOf<T>(ref InputEvent evt, ref T field)
        => (int)Unsafe.ByteOffset(ref Unsafe.As<InputEvent, byte>(ref evt), ref Unsafe.As<T, byte>(ref field));

    [Fact]
    public void InputEvent_IsOneCacheLine_WithDocumentedOffsets()
    {
        var evt = default(InputEvent);

        Assert.Equal(InputEvent.TotalSize, Unsafe.SizeOf<InputEvent>());
        Assert.Equal(0, OffsetOf(ref evt, ref evt.Kind));
        Assert.Equal(1, OffsetOf(ref evt, ref evt.Reject));
        Assert.Equal(2, OffsetOf(ref evt, ref evt.Source));
        Assert.Equal(4, OffsetOf(ref evt, ref evt.Instrument));
        Assert.Equal(8, OffsetOf(ref evt, ref evt.Timestamp));
        Assert.Equal(InputEvent.PayloadOffset, OffsetOf(ref evt, ref evt.Quote));
        Assert.Equal(InputEvent.VerdictOffset, OffsetOf(ref evt, ref evt.Verdict));
    }

    [Fact]
    public void Payloads_FitBeforeTheVerdictByte()
    {
        Assert.True(InputEvent.PayloadOffset + Unsafe.SizeOf<QuoteData>() <= InputEvent.VerdictOffset);
        Assert.True(InputEvent.PayloadOffset + Unsafe.SizeOf<TradeData>() <= InputEvent.VerdictOffset);
        Assert.True(InputEvent.PayloadOffset + Unsafe.SizeOf<BarData>() <= InputEvent.VerdictOffset);
        Assert.True(InputEvent.PayloadOffset + Unsafe.SizeOf<ReferenceData>() <= InputEvent.VerdictOffset);
    }

    [Fact]
    public void Setters_ClearTheFeedRejectButLeaveTheVerdictToTheStage()
    {
        var evt = default(InputEvent);
        evt.Reject = MarketDataRejectReason.MalformedRecord;
        evt.SetBar(new InstrumentId(3), 42, Price.FromRaw(4), Price.FromRaw(5), Price.FromRaw(3), Price.FromRaw(4), Quantity.FromRaw(1), 60);

        Assert.Equal(MarketDataRejectReason.None, evt.Reject);
        Assert.Equal(60, evt.Bar.IntervalSeconds);
        Assert.Equal(InputEventKind.Bar, evt.Kind);
    }
}
