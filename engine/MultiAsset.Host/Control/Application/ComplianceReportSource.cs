using MultiAsset.Engine.Compliance;

namespace MultiAsset.Host.Control.Application;

/// <summary>Where the running engine's compliance reports come from: its audit trail, its input journal and the names of its ids.</summary>
/// <param name="TrailDirectory">The folder holding <c>audit.trail</c>.</param>
/// <param name="JournalDirectory">The input journal (market prices), or null.</param>
/// <param name="Names">Instruments, accounts, venues and API keys by id.</param>
public sealed record ComplianceReportSource(string TrailDirectory, string? JournalDirectory, ReportNames Names);
