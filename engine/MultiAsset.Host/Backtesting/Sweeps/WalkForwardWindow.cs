namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>One walk-forward window: in-sample [<paramref name="InSampleStartNs"/>, <paramref name="InSampleEndNs"/>), out-of-sample [<paramref name="InSampleEndNs"/>, <paramref name="OutOfSampleEndNs"/>).</summary>
/// <param name="Index">1-based window number.</param>
/// <param name="InSampleStartNs">Start of the in-sample stretch (ns since the epoch).</param>
/// <param name="InSampleEndNs">End of the in-sample stretch, exclusive = start of the out-of-sample stretch.</param>
/// <param name="OutOfSampleEndNs">End of the out-of-sample stretch, exclusive (cut at the data's end).</param>
public sealed record WalkForwardWindow(int Index, long InSampleStartNs, long InSampleEndNs, long OutOfSampleEndNs)
{
    /// <summary><c>w01</c>, <c>w02</c>, ... (the prefix of the window's run folders).</summary>
    public string Label => $"w{Index:00}";
}
