using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Compliance;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Compliance;

/// <summary>
/// End-of-day compliance reports: just after each UTC midnight, the four reports of the day that ended are written as
/// CSV into <c>DIRECTORY/YYYY-MM-DD/{positions,limits,best-execution,transactions}.csv</c> (positions as of midnight; the
/// others over [00:00, 24:00) of engine time), firm-wide. A day whose folder exists is not written again.
/// </summary>
public sealed partial class DailyReportService(ComplianceReportSource source, string directory, ILogger logger, TimeProvider? time = null) : BackgroundService
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Writes the reports of <paramref name="day"/> (UTC) into <paramref name="directory"/>; returns the folder, or null when it existed.</summary>
    public static string? WriteDay(ComplianceReportSource source, string directory, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(source);
        var folder = Path.Combine(directory, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Directory.Exists(folder))
        {
            return null;
        }

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        var end = start + (86_400L * 1_000_000_000);
        // A folder appears whole or not at all: a crash half-way leaves only the .partial one, rewritten here.
        var partial = folder + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        foreach (var kind in ComplianceReports.Kinds)
        {
            var scope = kind == "positions" ? new ReportScope { To = end } : new ReportScope { From = start, To = end };
            using var writer = new StreamWriter(Path.Combine(partial, kind + ".csv"));
            ComplianceReports.Write(kind, source.TrailDirectory, source.JournalDirectory, source.Names, scope, json: false, writer);
        }

        Directory.Move(partial, folder);
        return folder;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
            try
            {
                await Task.Delay(midnight - now + TimeSpan.FromSeconds(5), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var day = DateOnly.FromDateTime(midnight.UtcDateTime.AddDays(-1));
            try
            {
                if (WriteDay(source, directory, day) is { } folder)
                {
                    Written(logger, day, folder);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Failed(logger, day, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "end-of-day compliance reports for {Day} written to {Folder}")]
    private static partial void Written(ILogger logger, DateOnly day, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "end-of-day compliance reports for {Day} failed: {Reason}")]
    private static partial void Failed(ILogger logger, DateOnly day, string reason);
}
