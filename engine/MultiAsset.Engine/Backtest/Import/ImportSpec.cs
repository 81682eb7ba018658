using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Backtest.Import;

/// <summary>
/// What to import and how to read it: the JSON document of <c>maectl data import --spec FILE.json</c> (also meant to be
/// embedded as a backtest spec's data section). Every field, default and rule is in <c>docs/data-import.md</c>.
/// </summary>
/// <remarks>Enumerations are strings in JSON (<c>"kind": "bars"</c>) so that a typo gets a message listing the valid
/// values; unknown fields are refused.</remarks>
public sealed record ImportSpec
{
    /// <summary>The default number of rejected rows reported one by one.</summary>
    public const int DefaultMaxReportedErrors = 20;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly string[] ColumnRoles =
        ["timestamp", "time", "symbol", "open", "high", "low", "close", "volume", "bid", "ask", "bidSize", "askSize", "price", "size", "side"];

    /// <summary>Names the cache file (<c>NAME.maecache</c>).</summary>
    public string Name { get; init; } = "import";

    /// <summary>Files or globs (<c>*</c> and <c>?</c> in the file name), relative to the spec's directory.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary><c>bars</c>, <c>quotes</c> or <c>trades</c>.</summary>
    public string Kind { get; init; } = "bars";

    /// <summary>The field separator: one character, or <c>"tab"</c>.</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>Whether the first line names the columns (otherwise columns are mapped by 0-based index).</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Role → column name (string) or 0-based index (number); roles not given are found by their usual names.</summary>
    public Dictionary<string, JsonElement>? Columns { get; init; }

    /// <summary>The symbol of every row, for files without a symbol column.</summary>
    public string? Symbol { get; init; }

    /// <summary>Vendor symbol → catalogue symbol (e.g. <c>"EUR/USD": "EURUSD"</c>).</summary>
    public Dictionary<string, string>? SymbolMap { get; init; }

    /// <summary><c>iso</c> (also <c>yyyy-MM-dd HH:mm:ss</c>), <c>epoch-s</c>, <c>epoch-ms</c>, <c>epoch-us</c>, <c>epoch-ns</c> or <c>date</c>.</summary>
    public string TimestampFormat { get; init; } = "iso";

    /// <summary>Zone of timestamps written without an offset: an IANA name (<c>America/New_York</c>), <c>UTC</c> or <c>±HH:MM</c>.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Local time (<c>HH:mm</c>) at which a date-only daily bar is stamped (default: the calendar's close).</summary>
    public string? SessionClose { get; init; }

    /// <summary>Bars: <c>start</c> (default) or <c>end</c>: which end of the bar the vendor's timestamp names.</summary>
    public string BarLabel { get; init; } = "start";

    /// <summary>Bars: the interval, e.g. <c>1m</c>, <c>5m</c>, <c>1h</c>, <c>1d</c> or whole seconds (<c>60</c>).</summary>
    public string? BarInterval { get; init; }

    /// <summary>Prices off the instrument's tick: <c>round</c> (default), <c>floor</c>, <c>ceil</c> or <c>reject</c>.</summary>
    public string Rounding { get; init; } = "round";

    /// <summary>Report gaps longer than this much open-market time (e.g. <c>1h</c>); default: the larger of 1 h and 2 intervals.</summary>
    public string? GapThreshold { get; init; }

    /// <summary>A split/dividend factor file (<c>date,symbol,factor[,kind]</c>), relative to the spec's directory.</summary>
    public string? Adjustments { get; init; }

    /// <summary>Rejected rows reported one by one (file:line: reason); the rest are counted by reason.</summary>
    public int MaxReportedErrors { get; init; } = DefaultMaxReportedErrors;

    /// <summary>Size given to both sides of a quote when the file has no size columns (default 0).</summary>
    public decimal QuoteSize { get; init; }

    /// <summary>The directory relative paths are resolved against (the spec file's; not part of the JSON).</summary>
    [JsonIgnore]
    public string BaseDirectory { get; init; } = ".";

    /// <summary>Reads a spec file; relative paths in it are resolved against its directory.</summary>
    /// <param name="path">The spec file.</param>
    /// <param name="validate">False when more is merged in before use (the CLI's files and flags): only the JSON is checked.</param>
    /// <exception cref="ConfigurationException">Not valid JSON or not a valid spec (every problem listed).</exception>
    public static ImportSpec Load(string path, bool validate = true)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"import spec not found: {path}");
        }

        var spec = Parse(File.ReadAllText(path), path, validate) with { BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "." };
        return spec;
    }

    /// <summary>Parses and (unless <paramref name="validate"/> is false) validates a spec; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ConfigurationException">Not valid JSON or not a valid spec (every problem listed).</exception>
    public static ImportSpec Parse(string json, string source, bool validate = true)
    {
        ImportSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<ImportSpec>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{source}: {ex.Message}", ex);
        }

        if (spec is null)
        {
            throw new ConfigurationException($"{source}: the import spec is empty");
        }

        if (validate)
        {
            spec.ThrowIfInvalid(source);
        }

        return spec;
    }

    /// <summary>SHA-256 of the spec's canonical JSON (what the cache header records).</summary>
    public byte[] Hash() => SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <summary>Throws a <see cref="ConfigurationException"/> listing every problem of the spec.</summary>
    public void ThrowIfInvalid(string source)
    {
        var errors = Validate().Select(e => $"{source}: {e}").ToList();
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }
    }

    /// <summary>Every problem of the spec (empty when it is valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Files is null || Files.Count == 0)
        {
            errors.Add("files: at least one file or glob is required");
        }

        Try(errors, () => ParsedKind);
        Try(errors, () => ParsedDelimiter);
        Try(errors, () => ParsedTimestampFormat);
        Try(errors, () => ParsedBarLabel);
        Try(errors, () => ParsedRounding);
        Try(errors, () => ParsedTimeZone);
        Try(errors, () => ParsedSessionClose);
        Try(errors, () => ParsedGapThreshold);
        Try(errors, () => ParsedBarInterval);
        if (MaxReportedErrors < 0)
        {
            errors.Add("maxReportedErrors: must be 0 or more");
        }

        if (QuoteSize < 0)
        {
            errors.Add("quoteSize: must be 0 or more");
        }

        if (Columns is not null)
        {
            foreach (var (role, value) in Columns)
            {
                if (!ColumnRoles.Contains(role, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"columns.{role}: unknown column role (expected one of: {string.Join(", ", ColumnRoles)})");
                }
                else if (value.ValueKind == JsonValueKind.Number ? !value.TryGetInt32(out int index) || index < 0 : value.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"columns.{role}: a column name (string) or a 0-based index (number) is required");
                }
                else if (!HasHeader && value.ValueKind == JsonValueKind.String)
                {
                    errors.Add($"columns.{role}: hasHeader is false, so columns must be mapped by index");
                }
            }
        }

        if (Symbol is not null && Columns?.Keys.Any(k => k.Equals("symbol", StringComparison.OrdinalIgnoreCase)) == true)
        {
            errors.Add("symbol: give either a fixed symbol or a symbol column, not both");
        }

        return errors;
    }

    internal ImportKind ParsedKind => Kind?.ToUpperInvariant() switch
    {
        "BARS" or "BAR" => ImportKind.Bars,
        "QUOTES" or "QUOTE" => ImportKind.Quotes,
        "TRADES" or "TRADE" => ImportKind.Trades,
        _ => throw new FormatException($"kind: '{Kind}' is not one of bars, quotes, trades"),
    };

    internal byte ParsedDelimiter => Delimiter switch
    {
        "tab" or "\t" => (byte)'\t',
        { Length: 1 } d when d[0] < 128 && d[0] != '"' && !char.IsLetterOrDigit(d[0]) => (byte)d[0],
        _ => throw new FormatException($"delimiter: '{Delimiter}' must be one ASCII punctuation character or \"tab\""),
    };

    internal TimestampFormat ParsedTimestampFormat => TimestampFormat?.ToUpperInvariant() switch
    {
        "ISO" or "ISO-8601" or "ISO8601" or "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS" => Import.TimestampFormat.Iso,
        "EPOCH-S" or "EPOCH_S" or "UNIX" or "UNIX-S" => Import.TimestampFormat.EpochSeconds,
        "EPOCH-MS" or "EPOCH_MS" or "UNIX-MS" => Import.TimestampFormat.EpochMilliseconds,
        "EPOCH-US" or "EPOCH_US" or "UNIX-US" => Import.TimestampFormat.EpochMicroseconds,
        "EPOCH-NS" or "EPOCH_NS" or "UNIX-NS" => Import.TimestampFormat.EpochNanoseconds,
        "DATE" or "YYYY-MM-DD" or "YYYYMMDD" => Import.TimestampFormat.Date,
        _ when IsCustomPattern(TimestampFormat) => Import.TimestampFormat.Custom,
        _ => throw new FormatException($"timestampFormat: '{TimestampFormat}' is not one of iso (yyyy-MM-dd HH:mm:ss[±HH:MM]), epoch-s, epoch-ms, epoch-us, epoch-ns, date, or a .NET date-time pattern with yyyy, MM and dd (e.g. MM/dd/yyyy HH:mm)"),
    };

    /// <summary>The custom pattern's time-of-day part is absent: a date alone (a daily bar).</summary>
    internal bool CustomPatternIsDateOnly => !TimestampFormat.Contains('H', StringComparison.Ordinal) && !TimestampFormat.Contains('h', StringComparison.Ordinal);

    /// <summary>The custom pattern carries its UTC offset (<c>z</c> or <c>K</c>).</summary>
    internal bool CustomPatternHasOffset => TimestampFormat.Contains('z', StringComparison.Ordinal) || TimestampFormat.Contains('K', StringComparison.Ordinal);

    private static bool IsCustomPattern(string? pattern)
    {
        if (pattern is null || !pattern.Contains("yy", StringComparison.Ordinal) || !pattern.Contains("MM", StringComparison.Ordinal) || !pattern.Contains('d', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            _ = new DateTime(2024, 1, 2, 9, 30, 0, DateTimeKind.Unspecified).ToString(pattern, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal BarLabel ParsedBarLabel => BarLabel?.ToUpperInvariant() switch
    {
        "START" => Import.BarLabel.Start,
        "END" => Import.BarLabel.End,
        _ => throw new FormatException($"barLabel: '{BarLabel}' is not one of start, end"),
    };

    internal OffTickPolicy ParsedRounding => Rounding?.ToUpperInvariant() switch
    {
        "ROUND" or "NEAREST" => OffTickPolicy.Round,
        "FLOOR" or "DOWN" => OffTickPolicy.Floor,
        "CEIL" or "UP" => OffTickPolicy.Ceil,
        "REJECT" => OffTickPolicy.Reject,
        _ => throw new FormatException($"rounding: '{Rounding}' is not one of round, floor, ceil, reject"),
    };

    /// <summary>The zone of offset-less times; null when not given.</summary>
    internal TimeZoneInfo? ParsedTimeZone => TimeZone is null ? null : ParseTimeZone(TimeZone);

    /// <summary>Local time of day of a date-only bar, or null for the calendar's close.</summary>
    internal TimeSpan? ParsedSessionClose => SessionClose is null ? null
        : TimeSpan.TryParseExact(SessionClose, ["hh\\:mm", "hh\\:mm\\:ss"], CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1) ? time
        : SessionClose is "24:00" ? TimeSpan.FromDays(1)
        : throw new FormatException($"sessionClose: '{SessionClose}' is not a time of day HH:mm");

    /// <summary>Seconds per bar; null when not given (date-only bars default to one day).</summary>
    internal int? ParsedBarInterval => BarInterval is null ? null : checked((int)(ParseDuration(BarInterval, "barInterval") / 1_000_000_000));

    internal long? ParsedGapThreshold => GapThreshold is null ? null : ParseDuration(GapThreshold, "gapThreshold");

    /// <summary>Parses <c>90s</c>, <c>1m</c>, <c>2h</c>, <c>1d</c>, <c>500ms</c> or whole seconds into nanoseconds (positive).</summary>
    internal static long ParseDuration(string text, string field)
    {
        var units = new (string Suffix, long Nanos)[] { ("ms", 1_000_000), ("s", 1_000_000_000), ("min", 60_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000), ("w", 604_800_000_000_000) };
        var trimmed = text.Trim();
        foreach (var (suffix, nanos) in units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(trimmed.AsSpan(0, trimmed.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out long count) && count > 0
                && count <= long.MaxValue / nanos)
            {
                return count * nanos;
            }
        }

        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds > 0 && seconds <= long.MaxValue / 1_000_000_000
            ? seconds * 1_000_000_000
            : throw new FormatException($"{field}: '{text}' is not a positive duration (e.g. 60, 1m, 5m, 1h, 1d)");
    }

    /// <summary>An IANA zone name, <c>UTC</c>, or a fixed offset <c>±HH:MM</c> / <c>UTC±HH:MM</c>.</summary>
    internal static TimeZoneInfo ParseTimeZone(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("UTC", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Z", StringComparison.Ordinal))
        {
            return TimeZoneInfo.Utc;
        }

        var offsetText = trimmed.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) ? trimmed[3..] : trimmed;
        if (offsetText.Length > 0 && (offsetText[0] == '+' || offsetText[0] == '-'))
        {
            if (TimeSpan.TryParseExact(offsetText[1..], ["hh\\:mm", "hhmm", "hh", "%h"], CultureInfo.InvariantCulture, out var offset) && offset <= TimeSpan.FromHours(18))
            {
                var signed = offsetText[0] == '-' ? -offset : offset;
                return TimeZoneInfo.CreateCustomTimeZone($"UTC{offsetText}", signed, $"UTC{offsetText}", $"UTC{offsetText}");
            }

            throw new FormatException($"timeZone: '{text}' is not a UTC offset ±HH:MM");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(trimmed);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new FormatException($"timeZone: '{text}' is not a known time zone (an IANA name such as America/New_York, UTC, or ±HH:MM; is tzdata installed?)");
        }
        catch (InvalidTimeZoneException)
        {
            throw new FormatException($"timeZone: '{text}' could not be read from the system's time-zone data");
        }
    }

    /// <summary>The column of <paramref name="role"/> as the spec maps it: a name, an index, or neither.</summary>
    internal (string? Name, int Index) ColumnFor(string role)
    {
        if (Columns is not null)
        {
            foreach (var (key, value) in Columns)
            {
                if (key.Equals(role, StringComparison.OrdinalIgnoreCase))
                {
                    return value.ValueKind == JsonValueKind.Number ? (null, value.GetInt32()) : (value.GetString(), -1);
                }
            }
        }

        return (null, -1);
    }

    private static void Try(List<string> errors, Func<object?> parse)
    {
        try
        {
            parse();
        }
        catch (FormatException ex)
        {
            errors.Add(ex.Message);
        }
        catch (OverflowException)
        {
            errors.Add("barInterval: too long");
        }
    }
}
