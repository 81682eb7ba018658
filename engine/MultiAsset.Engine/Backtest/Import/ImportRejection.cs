namespace MultiAsset.Engine.Backtest.Import;

/// <summary>One rejected row, as reported: <c>file:line: reason: message</c>.</summary>
public sealed record ImportRejection(string File, long Line, ImportRejectReason Reason, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {ImportReport.ReasonName(Reason)}: {Message}";
}
