using MultiAsset.Engine.Backtest.Import;
using MultiAsset.Engine.Backtest.Trades;
using MultiAsset.Engine.Routing.Orders;

namespace MultiAsset.Host.Backtesting;

/// <summary>Everything a finished run left behind, for the result builder and the writer (the engine has stopped: its state is read in place).</summary>
/// <param name="Spec">The spec.</param>
/// <param name="Engine">The stopped engine.</param>
/// <param name="Recorder">What was recorded on the engine thread.</param>
/// <param name="Imports">The import reports of vendor data, by import name.</param>
/// <param name="Elapsed">Wall time of the run, import and start-up included.</param>
/// <param name="ReplayElapsed">Wall time from the first event published to the engine drained.</param>
/// <param name="StrategyIds">The id the engine gave each strategy of the spec, in the spec's order.</param>
/// <param name="Trips">The round trips of the recorded fills (built once, for result.json and trades.csv).</param>
/// <param name="Orders">The orders the ledger still lists, oldest first (built once, for result.json and orders.csv).</param>
/// <param name="StageExceptions">Exceptions the stages reported while handling events (each ended as a refusal or a dropped event; 0 in a healthy run).</param>
internal sealed record BacktestRun(BacktestSpec Spec, EngineRuntime Engine, BacktestRecorder Recorder, IReadOnlyList<(string Name, ImportReport Report)> Imports, TimeSpan Elapsed, TimeSpan ReplayElapsed, IReadOnlyList<string> StrategyIds, IReadOnlyList<RoundTrip> Trips, IReadOnlyList<OrderView> Orders, long StageExceptions)
{
    /// <summary>The path stress laid over the data, if any.</summary>
    public BacktestStressFacts? Stress { get; init; }
}
