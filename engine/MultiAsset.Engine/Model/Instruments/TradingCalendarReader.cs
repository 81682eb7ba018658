using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// Reads the <c>calendars</c> object of <c>config/instruments.json</c> (name → definition), recording every problem
/// with its JSON path in the shared <see cref="JsonSectionReader"/>.
/// </summary>
internal static class TradingCalendarReader
{
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];
    private static readonly DayOfWeek[] MondayToFriday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>
    /// Reads every calendar definition. Returns the valid ones by name; <paramref name="invalid"/> gets the names
    /// that were defined but are broken, so that instruments referring to them are not reported a second time.
    /// </summary>
    public static Dictionary<string, TradingCalendar> Read(JsonElement calendars, JsonSectionReader reader, string path, HashSet<string> invalid)
    {
        var result = new Dictionary<string, TradingCalendar>(StringComparer.Ordinal);
        if (!reader.ExpectObject(calendars, path))
        {
            return result;
        }

        foreach (var property in calendars.EnumerateObject())
        {
            var name = property.Name;
            var itemPath = JsonSectionReader.Join(path, name);
            if (result.ContainsKey(name) || invalid.Contains(name))
            {
                reader.Error(itemPath, $"calendar '{name}' is defined twice");
                continue;
            }

            int errorsBefore = reader.Errors.Count;
            var calendar = string.IsNullOrWhiteSpace(name)
                ? null
                : ReadOne(property.Value, name, reader, itemPath);
            if (string.IsNullOrWhiteSpace(name))
            {
                reader.Error(itemPath, "a calendar name must not be empty");
            }

            if (calendar is not null && reader.Errors.Count == errorsBefore)
            {
                result.Add(name, calendar);
            }
            else
            {
                invalid.Add(name);
            }
        }

        if (result.Count == 0 && invalid.Count == 0)
        {
            reader.Error(path, "at least one calendar is required");
        }

        return result;
    }

    private static TradingCalendar? ReadOne(JsonElement item, string name, JsonSectionReader reader, string path)
    {
        if (!reader.ExpectObject(item, path))
        {
            return null;
        }

        int errorsBefore = reader.Errors.Count;
        var kind = reader.Enum(item, path, "type", TradingCalendarKind.Exchange, required: true);
        if (reader.Errors.Count != errorsBefore)
        {
            // Without a valid type the allowed fields are unknown; one error is enough.
            return null;
        }

        switch (kind)
        {
            case TradingCalendarKind.Fx24x5:
                reader.RejectUnknown(item, path, "type");
                var newYork = FindZone(Fx24x5Calendar.NewYorkTimeZoneId, reader, JsonSectionReader.Join(path, "type"));
                return newYork is null ? null : new Fx24x5Calendar(name, newYork);
            case TradingCalendarKind.Always:
                reader.RejectUnknown(item, path, "type");
                return new AlwaysOpenCalendar(name);
            default:
                return ReadExchange(item, name, reader, path);
        }
    }

    private static ExchangeCalendar? ReadExchange(JsonElement item, string name, JsonSectionReader reader, string path)
    {
        reader.RejectUnknown(item, path, "type", "timeZone", "open", "close", "tradingDays", "holidays", "earlyCloses");
        var zoneId = reader.String(item, path, "timeZone", required: true);
        var zone = zoneId is null ? null : FindZone(zoneId, reader, JsonSectionReader.Join(path, "timeZone"));
        var open = Time(item, reader, path, "open");
        var close = Time(item, reader, path, "close");
        if (open is not null && close is not null && open >= close)
        {
            reader.Error(JsonSectionReader.Join(path, "close"), $"close {close:HH\\:mm} must be after open {open:HH\\:mm} (sessions cannot span midnight)");
        }

        var tradingDays = TradingDays(item, reader, path);
        var holidays = new HashSet<DateOnly>();
        foreach (var (holiday, holidayPath) in reader.Array(item, path, "holidays", required: false))
        {
            if (Date(holiday, reader, holidayPath) is not { } date)
            {
                continue;
            }

            if (!holidays.Add(date))
            {
                reader.Error(holidayPath, $"{date:yyyy-MM-dd} is listed twice");
            }
            else if (Array.IndexOf(tradingDays, date.DayOfWeek) < 0)
            {
                reader.Error(holidayPath, $"{date:yyyy-MM-dd} is a {date.DayOfWeek}, not a trading weekday (a typo?)");
            }
        }

        var earlyCloses = new Dictionary<DateOnly, TimeOnly>();
        if (item.TryGetProperty("earlyCloses", out var early) && reader.ExpectObject(early, JsonSectionReader.Join(path, "earlyCloses")))
        {
            foreach (var entry in early.EnumerateObject())
            {
                var entryPath = JsonSectionReader.Join(JsonSectionReader.Join(path, "earlyCloses"), entry.Name);
                if (!TryParseDate(entry.Name, out var date))
                {
                    reader.Error(entryPath, $"'{entry.Name}' is not a date (expected yyyy-MM-dd)");
                    continue;
                }

                var time = ParseTime(entry.Value, reader, entryPath);
                if (time is null)
                {
                    continue;
                }

                if (holidays.Contains(date) || Array.IndexOf(tradingDays, date.DayOfWeek) < 0)
                {
                    reader.Error(entryPath, $"{date:yyyy-MM-dd} has no session (holiday or non-trading weekday), so it cannot close early");
                }
                else if (open is not null && close is not null && (time <= open || time >= close))
                {
                    reader.Error(entryPath, $"early close {time:HH\\:mm} must be after the open {open:HH\\:mm} and before the normal close {close:HH\\:mm}");
                }
                else if (!earlyCloses.TryAdd(date, time.Value))
                {
                    reader.Error(entryPath, $"{date:yyyy-MM-dd} is listed twice");
                }
            }
        }

        if (zone is null || open is null || close is null || open >= close || tradingDays.Length == 0)
        {
            return null;
        }

        return new ExchangeCalendar(name, zone, open.Value, close.Value, tradingDays, holidays, earlyCloses);
    }

    private static DayOfWeek[] TradingDays(JsonElement item, JsonSectionReader reader, string path)
    {
        if (!item.TryGetProperty("tradingDays", out var value))
        {
            return MondayToFriday;
        }

        var days = new List<DayOfWeek>();
        var items = reader.Array(item, path, "tradingDays", required: false).ToList();
        foreach (var (day, dayPath) in items)
        {
            var text = day.ValueKind == JsonValueKind.String ? day.GetString() : null;
            if (text is null || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                || !Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                reader.Error(dayPath, $"expected a weekday name (Monday … Sunday) but found {day.GetRawText()}");
            }
            else if (days.Contains(parsed))
            {
                reader.Error(dayPath, $"{parsed} is listed twice");
            }
            else
            {
                days.Add(parsed);
            }
        }

        if (days.Count == 0 && items.Count == 0 && value.ValueKind == JsonValueKind.Array)
        {
            reader.Error(JsonSectionReader.Join(path, "tradingDays"), "at least one trading weekday is required");
        }

        return [.. days];
    }

    private static TimeZoneInfo? FindZone(string id, JsonSectionReader reader, string path)
    {
        // IANA ids resolve from the system tz database on Linux; InvariantGlobalization does not affect this.
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        reader.Error(path, $"unknown time zone '{id}' (use an IANA id such as America/New_York; is the tz database installed?)");
        return null;
    }

    private static TimeOnly? Time(JsonElement item, JsonSectionReader reader, string path, string name)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            reader.Error(JsonSectionReader.Join(path, name), "required field is missing");
            return null;
        }

        return ParseTime(value, reader, JsonSectionReader.Join(path, name));
    }

    private static TimeOnly? ParseTime(JsonElement value, JsonSectionReader reader, string path)
    {
        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        reader.Error(path, $"expected a local time \"HH:mm\" (24-hour) but found {value.GetRawText()}");
        return null;
    }

    private static DateOnly? Date(JsonElement value, JsonSectionReader reader, string path)
    {
        if (value.ValueKind == JsonValueKind.String && TryParseDate(value.GetString(), out var date))
        {
            return date;
        }

        reader.Error(path, $"expected a date \"yyyy-MM-dd\" but found {value.GetRawText()}");
        return null;
    }

    private static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
