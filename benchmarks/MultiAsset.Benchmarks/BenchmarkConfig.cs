using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace MultiAsset.Benchmarks;

/// <summary>
/// The shared benchmark configuration. Workstation, non-concurrent GC: the engine runs that way (a background GC
/// thread would compete with two stage threads for two cores), and the allocation column must measure the engine,
/// not GC bookkeeping. Few iterations: each invocation pushes a million events, and the machine has two cores.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithLaunchCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
        WithOptions(ConfigOptions.JoinSummary);
    }
}
