using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Reports;

// The shape of result.json as the report reads it: a copy of the fields it shows, not a reference to the host's
// BacktestResult (this project depends on nothing of ours). Unknown fields are ignored, so the host can add fields
// without breaking the report; a field the report needs and cannot find is reported by ResultsFolder.

/// <summary>result.json: the fields the report shows.</summary>
internal sealed record ResultFile
{
    public string? Name { get; init; }

    public ResultPeriod? Period { get; init; }

    public ResultSettings? Settings { get; init; }

    public ResultEngine? Engine { get; init; }

    public ResultBook? Portfolio { get; init; }

    public string? PortfolioNote { get; init; }

    public IReadOnlyList<ResultBook>? Accounts { get; init; }

    public IReadOnlyList<ResultBook>? Strategies { get; init; }

    public IReadOnlyList<ResultAttribution>? Attribution { get; init; }

    public IReadOnlyList<ResultBrinson>? Brinson { get; init; }

    public IReadOnlyList<ResultVarBacktest>? VarBacktest { get; init; }

    /// <summary>How result.json is read: camelCase, named floating-point literals allowed (the writer allows them).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

internal sealed record ResultPeriod(string? Start, string? End, long InputEvents, long MarketDataAccepted);

internal sealed record ResultFees(decimal MakerBps, decimal TakerBps, decimal PerUnit);

internal sealed record ResultSettings(string? FillModel, ResultFees? Fees, decimal SlippageBps, decimal Participation, string? Latency, double RejectProbability, string? Benchmark, double RiskFreeRate, string? EquityInterval, IReadOnlyList<string>? Strategies);

internal sealed record ResultEngine(string? Digest, IReadOnlyDictionary<string, string>? StageDigests, long StageExceptions);

internal sealed record ResultBook
{
    public string Name { get; init; } = string.Empty;

    public string? Account { get; init; }

    public string Currency { get; init; } = string.Empty;

    public ResultPnl? Pnl { get; init; }

    public ResultMetrics? Metrics { get; init; }
}

internal sealed record ResultPnl(decimal Realised, decimal Unrealised, decimal FxTranslation, decimal Fees, decimal Total);

internal sealed record ResultMetrics
{
    public decimal StartEquity { get; init; }

    public decimal EndEquity { get; init; }

    public double TotalReturn { get; init; }

    public double? Cagr { get; init; }

    public ResultBasis? Basis { get; init; }

    public double? AnnualisedVolatility { get; init; }

    public double? Sharpe { get; init; }

    public double? Sortino { get; init; }

    public double? Calmar { get; init; }

    public ResultDrawdown? Drawdown { get; init; }

    public ResultTrades? Trades { get; init; }
}

internal sealed record ResultBasis(string? Period, double PeriodsPerYear);

internal sealed record ResultDrawdown(double MaxDrawdown, decimal MaxDrawdownMoney, long MaxDrawdownDurationNs, long LongestDrawdownDurationNs);

internal sealed record ResultTrades(int TradeCount, int Wins, int Losses, double? HitRate, double? ProfitFactor, decimal TotalCosts, decimal NetPnl);

internal sealed record ResultAttribution(string Currency, IReadOnlyList<string>? Accounts, ResultAttributionRow? Total, IReadOnlyList<ResultAttributionRow>? ByStrategy, IReadOnlyList<ResultAttributionRow>? ByAssetClass, IReadOnlyList<ResultAttributionRow>? ByInstrument);

internal sealed record ResultAttributionRow(string Key, decimal Realised, decimal Unrealised, decimal FxTranslation, decimal Fees, decimal Slippage, decimal Net, IReadOnlyList<ResultAttributionRow>? Children);

internal sealed record ResultBrinson(string Account, string Strategy, string Linking, int Periods, double PortfolioReturn, double BenchmarkReturn, double ActiveReturn, IReadOnlyList<ResultBrinsonSegment>? Segments, double Residual);

internal sealed record ResultBrinsonSegment(string Segment, double TargetWeight, double AverageWeight, double Allocation, double Selection, double Interaction, double Total);

internal sealed record ResultVarBacktest(string Account, string Currency, string Method, double Confidence, string Horizon, int DaysWithoutForecast, ResultVarTests? Hypothetical, ResultVarTests? Actual, IReadOnlyList<object>? Days, string? Note);

internal sealed record ResultVarTests(int Observations, int Exceptions, double ExceptionRate, double KupiecPValue, double IndependencePValue, double ConditionalCoveragePValue, string Zone);
