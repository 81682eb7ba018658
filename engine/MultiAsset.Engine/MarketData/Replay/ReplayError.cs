using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>One bad row of a replay file, kept so that an operator can find and fix it.</summary>
/// <param name="File">The file the row came from.</param>
/// <param name="Line">1-based line (CSV, the header is line 1) or row number (Parquet, first row is 1).</param>
/// <param name="Column">1-based column of the offending field; 0 when the row as a whole is at fault.</param>
/// <param name="Reason">How the row was published.</param>
/// <param name="Message">What was wrong, naming the column and quoting the value.</param>
public sealed record ReplayError(string File, long Line, int Column, MarketDataRejectReason Reason, string Message)
{
    /// <summary><c>file:line:column: reason: message</c>, the usual compiler-style location.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Reason}: {Message}";
}
