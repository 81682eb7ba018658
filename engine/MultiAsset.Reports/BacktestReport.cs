namespace MultiAsset.Reports;

/// <summary>
/// The HTML report of a backtest, written from its results folder alone (result.json, equity.csv and, when present,
/// strategies.csv and trades.csv). docs/backtest-report.md describes each section and chart.
/// </summary>
public static class BacktestReport
{
    /// <summary>The report's file name inside the results folder.</summary>
    public const string FileName = "report.html";

    /// <summary>The folder, inside the results folder, that the charts are saved to.</summary>
    public const string ChartsFolder = "charts";

    /// <summary>
    /// Writes <c>report.html</c> and <c>charts/*.png</c> into <paramref name="resultsDirectory"/>. The HTML is a single
    /// self-contained file (inline CSS, no script, the charts embedded as PNG data URIs); the PNGs beside it are the
    /// same images, for use elsewhere. An existing report is replaced.
    /// </summary>
    /// <param name="resultsDirectory">A backtest's results folder.</param>
    /// <returns>The full path of report.html.</returns>
    /// <exception cref="ArgumentException">The path is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">result.json or equity.csv is missing (<see cref="FileNotFoundException.FileName"/> names it).</exception>
    /// <exception cref="InvalidDataException">A file is malformed; the message names the file (and line) and the reason.</exception>
    public static string Write(string resultsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultsDirectory);
        var directory = Path.GetFullPath(resultsDirectory);
        var folder = ResultsFolder.Read(directory);
        var model = ReportModel.From(folder);
        var charts = ReportCharts.Render(model, Path.Combine(directory, ChartsFolder));
        var html = ReportHtml.Build(model, charts);
        var path = Path.Combine(directory, FileName);
        // Written whole to a temporary name, then renamed: a folder never holds half a report.
        File.WriteAllText(path + ".tmp", html, new System.Text.UTF8Encoding(false));
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }
}
