using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The stage that owns the account book, on the input ring after the market-data stage: it marks positions and FX
/// rates with every accepted quote, trade and bar, applies every fill a venue reports, samples the asset-class P&amp;L
/// at a fixed event-time interval and, at the same moments, runs the stop-loss monitor, publishing its closing
/// intents into the intent ring. The risk gate reads the book in place (exact when the stages share a thread, the
/// default).
/// </summary>
public sealed class AccountsStage : IValueEventHandler<InputEvent>, IDigestOnRequest
{
    private readonly AccountBook book;
    private readonly StopLossMonitor? stopLoss;
    private readonly ValueRingBuffer<IntentEvent>? intents;
    private readonly IntentEvent[] closing;
    private readonly AccountBookRiskView view;
    private readonly long sampleInterval;
    private readonly DigestRequest digest = new();
    private long nextSample = long.MinValue;

    /// <summary>Creates the stage; without <paramref name="stopLoss"/> no closing intents are produced.</summary>
    public AccountsStage(AccountBook book, StopLossMonitor? stopLoss, ValueRingBuffer<IntentEvent>? intents, TimeSpan sampleInterval)
    {
        ArgumentNullException.ThrowIfNull(book);
        this.book = book;
        this.stopLoss = stopLoss;
        this.intents = intents;
        this.sampleInterval = (long)sampleInterval.TotalNanoseconds;
        Classes = new AssetClassPnl(book);
        // The stop-loss monitor needs only the filled book: working orders are the risk stage's business.
        view = AccountBookRiskView.Create(book, new WorkingOrders(book.AccountCount, book.Catalog.Count), Classes);
        closing = new IntentEvent[Math.Max(1, stopLoss?.MaxClosingIntents ?? 1)];
    }

    /// <summary>The book (read it on this stage's thread, or in place from a stage fused with it).</summary>
    public AccountBook Book => book;

    /// <summary>Asset-class P&amp;L samples.</summary>
    public AssetClassPnl Classes { get; }

    /// <summary>Closing intents published by the stop-loss monitor.</summary>
    public long StopLossIntents { get; private set; }

    /// <summary>Fills applied.</summary>
    public long Fills => book.FillsApplied;

    /// <summary>Latest event time (Unix ns) of the market data and execution reports seen: the simulated clock the status line shows.</summary>
    public long LastEventTime { get; private set; } = long.MinValue;

    /// <inheritdoc />
    public string DigestName => "accounts";

    /// <inheritdoc />
    public void RequestDigestAt(long sequence) => digest.At(sequence);

    /// <inheritdoc />
    public ulong? RequestedDigest => digest.Value;

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.IsMarketData)
        {
            if (evt.IsAccepted)
            {
                Mark(ref evt);
            }
        }
        else if (evt.IsExecution)
        {
            // A fill is booked for the strategy of its order (a netted order's lead strategy: see AccountBook.Pnl);
            // other reports only count toward that strategy's orders and refusals.
            ref readonly var report = ref evt.Execution;
            if (report.Type == ExecutionType.Fill)
            {
                book.ApplyFill(report.Account, evt.Instrument, report.Side, report.Quantity, report.Price, report.Fee, evt.Timestamp, report.Strategy);
            }
            else
            {
                book.RecordReport(report.Account, report.Strategy, report.Type, report.RejectReason);
            }
        }

        if ((evt.IsMarketData || evt.IsExecution) && evt.Timestamp > LastEventTime)
        {
            LastEventTime = evt.Timestamp;
        }

        if (evt.Timestamp >= nextSample && (evt.IsMarketData || evt.IsExecution))
        {
            nextSample = evt.Timestamp + sampleInterval;
            Sample(evt.Timestamp, sequence);
        }

        if (digest.IsDue(sequence))
        {
            digest.Take(this);
        }
    }

    /// <inheritdoc />
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        book.AppendDigest(builder);
        Classes.AppendDigest(builder);
        builder.Add(nextSample).Add(StopLossIntents).Add(LastEventTime);
        stopLoss?.AppendDigest(builder);
    }

    private void Mark(ref InputEvent evt)
    {
        switch (evt.Kind)
        {
            case InputEventKind.Quote:
                book.OnMark(evt.Instrument, Price.FromRaw((evt.Quote.Bid.Raw + evt.Quote.Ask.Raw) / 2), evt.Timestamp);
                break;
            case InputEventKind.Trade:
                book.OnMark(evt.Instrument, evt.Trade.Price, evt.Timestamp);
                break;
            case InputEventKind.Bar:
                book.OnMark(evt.Instrument, evt.Bar.Close, evt.Timestamp);
                break;
        }
    }

    private void Sample(long now, long sequence)
    {
        // A valuation point of every account: peak equity and drawdown take the current marks in before the stop-loss
        // monitor and the asset-class samples read them.
        book.ObserveValuations();
        for (var a = 0; a < book.AccountCount; a++)
        {
            var account = new AccountId(a);
            Classes.Sample(account);
            if (stopLoss is null || intents is null)
            {
                continue;
            }

            var n = stopLoss.EvaluateAccount(account, now, sequence, in view, closing);
            for (var i = 0; i < n; i++)
            {
                var slot = intents.Next();
                intents[slot] = closing[i];
                intents.Publish(slot);
            }

            StopLossIntents += n;
        }
    }
}
