using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk.Analytics.Measures;
using static MultiAsset.Engine.Risk.Analytics.Contract.RiskAnalysisContract;
using L = MultiAsset.Engine.Risk.Analytics.Contract.RiskAnalysisLimits;

namespace MultiAsset.Engine.Risk.Analytics.Contract;

/// <summary>
/// Reads a risk-analysis body from a <see cref="JsonElement"/> and collects every problem with its JSON path (up to
/// <see cref="RiskAnalysisLimits.MaxProblems"/>). Never throws on input.
/// </summary>
internal sealed class RiskAnalysisBodyReader
{
    private static readonly HashSet<string> TopKeys = new(StringComparer.Ordinal)
    {
        "method", "confidence", "horizon", "quantile", "positions", "covariance", "returns", "scenarios", "meanReturns",
        "paths", "seed", "distribution", "degreesOfFreedom", "stressedCorrelation", "stressedCorrelationMatrix", "topN",
    };

    private static readonly HashSet<string> PositionKeys = new(StringComparer.Ordinal) { "symbol", "assetClass", "currency", "exposure" };

    private readonly List<RiskAnalysisProblem> problems = [];
    private bool truncated;

    public IReadOnlyList<RiskAnalysisProblem> Problems => problems;

    public RiskAnalysisRequest? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Add("$", $"the body must be a JSON object, got {Kind(root)}");
            return null;
        }

        if (StrictJson.FindProblem(root) is { } strict)
        {
            Add(strict.Path, strict.Message);
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!TopKeys.Contains(property.Name))
            {
                Add(StrictJson.Join(string.Empty, property.Name), $"unknown key '{Clip(property.Name)}' (allowed: {string.Join(", ", TopKeys)})");
            }
        }

        VaRMethod? method = null;
        if (Get(root, "method") is { } m)
        {
            method = Text(m, "method") switch
            {
                null => null,
                "parametric" => VaRMethod.Parametric,
                "historical" => VaRMethod.Historical,
                "monteCarlo" => VaRMethod.MonteCarlo,
                var other => FailNull("method", $"method '{Clip(other)}' is not one of parametric, historical, monteCarlo"),
            };
        }
        else
        {
            Add("method", "method is required (parametric, historical or monteCarlo)");
        }

        double confidence = 0.99;
        if (Get(root, "confidence") is { } c && Number(c, "confidence") is { } cv)
        {
            if (cv >= 1 && cv < 100)
            {
                Add("confidence", $"confidence must be a fraction in (0,1); {Format(cv)} looks like a percent (use {Format(cv / 100)})");
            }
            else if (!(cv > 0 && cv < 1))
            {
                Add("confidence", $"confidence must be a fraction in (0,1), got {Format(cv)}");
            }

            confidence = cv;
        }

        double horizon = 1;
        if (Get(root, "horizon") is { } h && Number(h, "horizon") is { } hv)
        {
            if (!(hv > 0 && hv <= L.MaxHorizon))
            {
                Add("horizon", $"horizon must be a number of periods in (0, {Format(L.MaxHorizon)}], got {Format(hv)}");
            }

            horizon = hv;
        }

        var positions = Positions(root);
        int n = positions?.Count ?? -1;

        var quantile = QuantileConvention.KthWorst;
        if (Get(root, "quantile") is { } qn)
        {
            quantile = Text(qn, "quantile") switch
            {
                null or "kthWorst" => QuantileConvention.KthWorst,
                "interpolated" => QuantileConvention.Interpolated,
                var other => Fail<QuantileConvention>("quantile", $"quantile '{Clip(other)}' is not one of kthWorst, interpolated"),
            };
            NotFor(method, VaRMethod.Parametric, "quantile", "historical and monteCarlo");
        }

        var distribution = ReturnDistribution.Normal;
        if (Get(root, "distribution") is { } d)
        {
            distribution = Text(d, "distribution") switch
            {
                null or "normal" => ReturnDistribution.Normal,
                "studentT" => ReturnDistribution.StudentT,
                var other => Fail<ReturnDistribution>("distribution", $"distribution '{Clip(other)}' is not one of normal, studentT"),
            };
            NotFor(method, VaRMethod.Historical, "distribution", "parametric and monteCarlo");
        }

        double nu = 5;
        if (Get(root, "degreesOfFreedom") is { } dof)
        {
            if (Number(dof, "degreesOfFreedom") is { } dv)
            {
                if (!(dv > 2 && dv <= L.MaxDegreesOfFreedom))
                {
                    Add("degreesOfFreedom", $"degreesOfFreedom must be in (2, {Format(L.MaxDegreesOfFreedom)}] (the t needs a variance), got {Format(dv)}");
                }

                nu = dv;
            }

            if (distribution != ReturnDistribution.StudentT)
            {
                Add("degreesOfFreedom", "degreesOfFreedom applies to distribution studentT only");
            }
        }

        int paths = 10_000;
        if (Get(root, "paths") is { } p)
        {
            if (Integer(p, "paths") is { } pv)
            {
                if (pv < 1 || pv > L.MaxPaths)
                {
                    Add("paths", $"paths must be an integer in [1, {L.MaxPaths}], got {pv}");
                }
                else if (n > 0 && pv * n > L.MaxSimulatedValues)
                {
                    Add("paths", $"paths × positions must be ≤ {L.MaxSimulatedValues} (at most {L.MaxSimulatedValues / n} paths for {n} positions), got {pv}");
                }

                paths = (int)Math.Clamp(pv, 1, L.MaxPaths);
            }

            NotFor(method, VaRMethod.Parametric, "paths", "monteCarlo");
            NotFor(method, VaRMethod.Historical, "paths", "monteCarlo");
        }
        else if (method == VaRMethod.MonteCarlo && n > 0 && (long)paths * n > L.MaxSimulatedValues)
        {
            Add("paths", $"the default 10000 paths × {n} positions exceeds {L.MaxSimulatedValues}; give paths ≤ {L.MaxSimulatedValues / n}");
        }

        ulong seed = 42;
        if (Get(root, "seed") is { } s)
        {
            if (s.ValueKind == JsonValueKind.Number && s.TryGetUInt64(out var sv))
            {
                seed = sv;
            }
            else
            {
                Add("seed", s.ValueKind == JsonValueKind.Number ? "seed must be an integer in [0, 2^64)" : $"seed must be a number, got {Kind(s)}");
            }

            NotFor(method, VaRMethod.Parametric, "seed", "monteCarlo");
            NotFor(method, VaRMethod.Historical, "seed", "monteCarlo");
        }

        double rho = 1;
        if (Get(root, "stressedCorrelation") is { } r && Number(r, "stressedCorrelation") is { } rv)
        {
            if (!(rv >= -1 && rv <= 1))
            {
                Add("stressedCorrelation", $"stressedCorrelation must be in [-1, 1], got {Format(rv)}");
            }

            rho = rv;
        }

        int topN = 5;
        if (Get(root, "topN") is { } t && Integer(t, "topN") is { } tv)
        {
            if (tv < 1 || tv > L.MaxTopN)
            {
                Add("topN", $"topN must be an integer in [1, {L.MaxTopN}], got {tv}");
            }

            topN = (int)Math.Clamp(tv, 1, L.MaxTopN);
        }

        RiskMatrix? covariance = null;
        RiskMatrix? returns = null;
        RiskMatrix? scenarios = null;
        int sources = 0;
        if (Get(root, "covariance") is { } cov)
        {
            sources++;
            covariance = Matrix(cov, "covariance", n, squareRows: true, L.MaxRate);
            if (covariance is not null)
            {
                CheckCovariance(covariance);
            }

            NotFor(method, VaRMethod.Historical, "covariance", "parametric and monteCarlo (historical needs returns or scenarios)");
        }

        if (Get(root, "returns") is { } ret)
        {
            sources++;
            returns = Matrix(ret, "returns", n, squareRows: false, L.MaxRate);
            if (returns is not null && returns.Rows < 2 && method != VaRMethod.Historical)
            {
                Add("returns", "estimating a covariance from returns needs at least 2 rows");
            }
        }

        if (Get(root, "scenarios") is { } sc)
        {
            sources++;
            scenarios = Matrix(sc, "scenarios", n, squareRows: false, L.MaxAmount);
            NotFor(method, VaRMethod.Parametric, "scenarios", "historical (parametric needs covariance or returns)");
            NotFor(method, VaRMethod.MonteCarlo, "scenarios", "historical (monteCarlo needs covariance or returns)");
        }

        if (sources != 1)
        {
            Add(sources == 0 ? "covariance" : "$", sources == 0
                ? "one of covariance (n×n), returns (T×n) or scenarios (S×n) is required"
                : "give exactly one of covariance, returns, scenarios");
        }

        double[]? mean = null;
        if (Get(root, "meanReturns") is { } mr)
        {
            mean = Vector(mr, "meanReturns", n);
            NotFor(method, VaRMethod.Historical, "meanReturns", "parametric and monteCarlo");
        }

        RiskMatrix? stressed = null;
        if (Get(root, "stressedCorrelationMatrix") is { } sm)
        {
            stressed = Matrix(sm, "stressedCorrelationMatrix", n, squareRows: true, 1);
            if (stressed is not null)
            {
                CheckCorrelation(stressed);
            }

            if (root.TryGetProperty("stressedCorrelation", out _))
            {
                Add("stressedCorrelation", "give stressedCorrelation or stressedCorrelationMatrix, not both");
            }
        }

        if (problems.Count > 0 || positions is null || method is null)
        {
            return null;
        }

        return new RiskAnalysisRequest
        {
            Input = new RiskMeasureInput
            {
                Positions = positions,
                Covariance = covariance,
                Returns = returns,
                Scenarios = scenarios,
                MeanReturns = mean,
            },
            Options = new RiskMeasureOptions
            {
                Method = method.Value,
                Confidence = confidence,
                Horizon = horizon,
                Quantile = quantile,
                Distribution = distribution,
                DegreesOfFreedom = nu,
                Paths = paths,
                Seed = seed,
                StressedCorrelation = rho,
                StressedCorrelationMatrix = stressed,
                TopN = topN,
            },
        };
    }

    private List<RiskPosition>? Positions(JsonElement root)
    {
        if (Get(root, "positions") is not { } array)
        {
            Add("positions", "positions are required (a non-empty array of {symbol, assetClass, currency, exposure})");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            Add("positions", $"positions must be an array, got {Kind(array)}");
            return null;
        }

        int count = array.GetArrayLength();
        if (count == 0)
        {
            Add("positions", "positions must not be empty");
            return null;
        }

        if (count > L.MaxPositions)
        {
            Add("positions", $"at most {L.MaxPositions} positions, got {count}");
            return null;
        }

        var list = new List<RiskPosition>(count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool ok = true;
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            string path = $"positions[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Add(path, $"{path} must be an object, got {Kind(item)}");
                ok = false;
                i++;
                continue;
            }

            foreach (var property in item.EnumerateObject())
            {
                if (!PositionKeys.Contains(property.Name))
                {
                    Add(StrictJson.Join(path, property.Name), $"unknown key '{Clip(property.Name)}' in {path} (allowed: symbol, assetClass, currency, exposure)");
                    ok = false;
                }
            }

            string? symbol = Required(item, path, "symbol") is { } sy ? Name(sy, $"{path}.symbol") : null;
            if (symbol is not null && !seen.TryAdd(symbol, i))
            {
                Add($"{path}.symbol", $"{path}.symbol '{Clip(symbol)}' duplicates positions[{seen[symbol]}].symbol");
                ok = false;
            }

            string? assetClass = null;
            if (Required(item, path, "assetClass") is { } ac && Text(ac, $"{path}.assetClass") is { } acText)
            {
                if (AssetClassNames.TryParse(acText, out var parsed))
                {
                    assetClass = AssetClassNames.ToSeedName(parsed);
                }
                else
                {
                    Add($"{path}.assetClass", $"{path}.assetClass '{Clip(acText)}' is not one of {AssetClassNames.AllowedValues}");
                }
            }

            string? currency = Required(item, path, "currency") is { } cu ? Name(cu, $"{path}.currency") : null;
            double? exposure = null;
            if (Required(item, path, "exposure") is { } ex && Number(ex, $"{path}.exposure") is { } ev)
            {
                if (Math.Abs(ev) > L.MaxAmount)
                {
                    Add($"{path}.exposure", $"{path}.exposure must be within ±{Format(L.MaxAmount)}, got {Format(ev)}");
                }
                else
                {
                    exposure = ev;
                }
            }

            if (symbol is null || assetClass is null || currency is null || exposure is null)
            {
                ok = false;
            }
            else
            {
                list.Add(new RiskPosition(symbol, assetClass, currency, exposure.Value));
            }

            i++;
        }

        return ok ? list : null;
    }

    private RiskMatrix? Matrix(JsonElement element, string field, int n, bool squareRows, double maxMagnitude)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Add(field, $"{field} must be an array of arrays of numbers, got {Kind(element)}");
            return null;
        }

        int rows = element.GetArrayLength();
        if (rows == 0)
        {
            Add(field, $"{field} must not be empty");
            return null;
        }

        if (rows > L.MaxRows)
        {
            Add(field, $"{field} has {rows} rows; at most {L.MaxRows}");
            return null;
        }

        if (squareRows && n > 0 && rows != n)
        {
            Add(field, $"{field} must be {n}×{n} (one row per position, in order), got {rows} rows");
            return null;
        }

        int columns = n > 0 ? n : -1;
        if (n > 0 && (long)rows * n > L.MaxMatrixValues)
        {
            Add(field, $"{field} has {(long)rows * n} numbers; at most {L.MaxMatrixValues}");
            return null;
        }

        var values = n > 0 ? new double[rows * n] : null;
        bool ok = true;
        int r = 0;
        foreach (var row in element.EnumerateArray())
        {
            string rowPath = $"{field}[{r}]";
            if (row.ValueKind != JsonValueKind.Array)
            {
                Add(rowPath, $"{rowPath} must be an array of numbers, got {Kind(row)}");
                ok = false;
                r++;
                continue;
            }

            int length = row.GetArrayLength();
            if (columns >= 0 && length != columns)
            {
                Add(rowPath, $"{rowPath} has {length} values; expected {columns} (one per position, in order)");
                ok = false;
                r++;
                continue;
            }

            int c = 0;
            foreach (var cell in row.EnumerateArray())
            {
                string cellPath = $"{rowPath}[{c}]";
                if (Number(cell, cellPath) is { } v)
                {
                    if (Math.Abs(v) > maxMagnitude)
                    {
                        Add(cellPath, $"{cellPath} must be within ±{Format(maxMagnitude)}, got {Format(v)}");
                        ok = false;
                    }
                    else if (values is not null)
                    {
                        values[(r * columns) + c] = v;
                    }
                }
                else
                {
                    ok = false;
                }

                c++;
                if (truncated)
                {
                    return null;
                }
            }

            r++;
        }

        return ok && values is not null ? new RiskMatrix(rows, columns, values) : null;
    }

    private double[]? Vector(JsonElement element, string field, int n)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Add(field, $"{field} must be an array of numbers, got {Kind(element)}");
            return null;
        }

        if (n > 0 && element.GetArrayLength() != n)
        {
            Add(field, $"{field} has {element.GetArrayLength()} values; expected {n} (one per position, in order)");
            return null;
        }

        var values = new double[element.GetArrayLength()];
        bool ok = true;
        int i = 0;
        foreach (var cell in element.EnumerateArray())
        {
            string path = $"{field}[{i}]";
            if (Number(cell, path) is { } v && Math.Abs(v) <= L.MaxRate)
            {
                values[i] = v;
            }
            else
            {
                if (cell.ValueKind == JsonValueKind.Number)
                {
                    Add(path, $"{path} must be within ±{Format(L.MaxRate)}");
                }

                ok = false;
            }

            i++;
        }

        return ok && n > 0 ? values : null;
    }

    private void CheckCovariance(RiskMatrix cov)
    {
        int n = cov.Rows;
        for (int i = 0; i < n; i++)
        {
            if (cov[i, i] < 0)
            {
                Add($"covariance[{i}][{i}]", $"covariance[{i}][{i}] is a variance and must be ≥ 0, got {Format(cov[i, i])}");
            }
        }

        for (int i = 0; i < n && !truncated; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double tolerance = RiskInputValidator.SymmetryTolerance * Math.Sqrt(Math.Abs(cov[i, i] * cov[j, j]));
                if (Math.Abs(cov[i, j] - cov[j, i]) > tolerance)
                {
                    Add($"covariance[{i}][{j}]", $"covariance is not symmetric: [{i}][{j}] = {Format(cov[i, j])} but [{j}][{i}] = {Format(cov[j, i])}");
                }
            }
        }
    }

    private void CheckCorrelation(RiskMatrix r)
    {
        int n = r.Rows;
        for (int i = 0; i < n && !truncated; i++)
        {
            if (r[i, i] != 1)
            {
                Add($"stressedCorrelationMatrix[{i}][{i}]", $"stressedCorrelationMatrix[{i}][{i}] must be 1, got {Format(r[i, i])}");
            }

            for (int j = 0; j < i; j++)
            {
                if (r[i, j] != r[j, i])
                {
                    Add($"stressedCorrelationMatrix[{i}][{j}]", $"stressedCorrelationMatrix is not symmetric: [{i}][{j}] = {Format(r[i, j])} but [{j}][{i}] = {Format(r[j, i])}");
                }
            }
        }
    }

    private void NotFor(VaRMethod? method, VaRMethod excluded, string field, string appliesTo)
    {
        if (method == excluded)
        {
            Add(field, $"{field} applies to {appliesTo}, not {MethodName(excluded)}");
        }
    }

    private static JsonElement? Get(JsonElement obj, string name) => obj.TryGetProperty(name, out var value) ? value : null;

    private JsonElement? Required(JsonElement obj, string path, string name)
    {
        if (obj.TryGetProperty(name, out var value))
        {
            return value;
        }

        Add($"{path}.{name}", $"{path}.{name} is required");
        return null;
    }

    private double? Number(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            Add(path, element.ValueKind == JsonValueKind.String
                ? $"{path} must be a number, not a string (got \"{Clip(element.GetString() ?? string.Empty)}\")"
                : $"{path} must be a number, got {Kind(element)}");
            return null;
        }

        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            Add(path, $"{path} must be a finite number");
            return null;
        }

        return value;
    }

    private long? Integer(JsonElement element, string path)
    {
        if (Number(element, path) is not { } value)
        {
            return null;
        }

        if (!element.TryGetInt64(out var integer))
        {
            Add(path, $"{path} must be an integer, got {Format(value)}");
            return null;
        }

        return integer;
    }

    private string? Text(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Add(path, $"{path} must be a string, got {Kind(element)}");
            return null;
        }

        return element.GetString();
    }

    private string? Name(JsonElement element, string path)
    {
        if (Text(element, path) is not { } text)
        {
            return null;
        }

        if (text.Length == 0 || text.Length > L.MaxNameLength || text.Any(ch => char.IsControl(ch) || char.IsWhiteSpace(ch)))
        {
            Add(path, $"{path} must be 1–{L.MaxNameLength} characters without spaces or control characters");
            return null;
        }

        return text;
    }

    private VaRMethod? FailNull(string path, string reason)
    {
        Add(path, reason);
        return null;
    }

    private T Fail<T>(string path, string reason)
        where T : struct
    {
        Add(path, reason);
        return default;
    }

    private void Add(string path, string reason)
    {
        if (truncated)
        {
            return;
        }

        if (problems.Count >= L.MaxProblems)
        {
            truncated = true;
            problems.Add(new RiskAnalysisProblem("$", $"more than {L.MaxProblems} problems; the rest are not listed"));
            return;
        }

        problems.Add(new RiskAnalysisProblem(path.Length == 0 ? "$" : path, reason));
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Clip(string text)
    {
        var clean = new string([.. text.Take(64).Select(ch => char.IsControl(ch) || char.IsSurrogate(ch) ? '?' : ch)]);
        return text.Length > 64 ? clean + "…" : clean;
    }
}
