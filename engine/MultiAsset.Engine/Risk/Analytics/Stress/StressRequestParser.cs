using System.Text.Json;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// Parses a <c>POST /risk/stress</c> body strictly into a <see cref="StressRequest"/>, or into the list of every problem
/// with its JSON path (for a 400 problem+json). Never throws on any input.
/// </summary>
/// <remarks>
/// Body: <c>{ "scenario": "gfc-2008", "scenarios": ["covid-2020"], "name": "my-shock", "shocks": { "instruments": {…},
/// "assetClasses": {…}, "currencies": {…}, "factors": {…} }, "accounts": ["acc"], "positions": [ { "account": "acc",
/// "symbol": "AAPL", "quantity": 100, "price": 190.5 } ], "positionsMode": "add" | "replace" }</c>. At least one of
/// <c>scenario</c>, <c>scenarios</c> (a list, or <c>"all"</c> for every scenario of the file) and <c>shocks</c> is required; the shock schema is the scenario file's. Scenario names
/// must exist in the library, symbols in <c>knownSymbols</c> (when given), accounts in <c>knownAccounts</c> (when given).
/// </remarks>
public static class StressRequestParser
{
    /// <summary>Most scenarios, accounts or positions in one request.</summary>
    public const int MaxItems = 256;

    /// <summary>Largest |quantity| or price accepted (10¹⁰, inside the engine's fixed-point range).</summary>
    public const decimal MaxAmount = 10_000_000_000m;

    private static readonly string[] Fields = ["scenario", "scenarios", "name", "shocks", "accounts", "positions", "positionsMode"];

    /// <summary>Parses <paramref name="json"/>; on failure <paramref name="problems"/> lists every problem.</summary>
    /// <param name="json">The body.</param>
    /// <param name="library">Scenarios and factors the body may name.</param>
    /// <param name="knownSymbols">Instrument symbols; null skips the check.</param>
    /// <param name="knownAccounts">Account ids; null skips the check.</param>
    /// <param name="request">The request when valid.</param>
    /// <param name="problems">Every problem (empty when valid).</param>
    public static bool TryParse(string? json, ScenarioLibrary library, ISet<string>? knownSymbols, ISet<string>? knownAccounts, out StressRequest? request, out IReadOnlyList<StressProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(library);
        var reader = new StressJson();
        request = null;
        try
        {
            using var document = reader.ParseDocument(json);
            if (document is not null)
            {
                request = Read(document.RootElement, reader, library, knownSymbols, knownAccounts);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            // Defensive: the reader checks kinds before reading values, so this is not expected.
            reader.Error("$", $"unreadable body: {StressJson.Clip(ex.Message)}");
        }

        problems = reader.Problems;
        if (problems.Count > 0)
        {
            request = null;
            return false;
        }

        return request is not null;
    }

    private static StressRequest? Read(JsonElement root, StressJson reader, ScenarioLibrary library, ISet<string>? knownSymbols, ISet<string>? knownAccounts)
    {
        if (!reader.ExpectObject(root, "$"))
        {
            return null;
        }

        reader.RejectUnknown(root, string.Empty, Fields);
        var names = new List<string>();
        if (root.TryGetProperty("scenario", out var single))
        {
            ScenarioName(single, "scenario", reader, library, names);
        }

        if (root.TryGetProperty("scenarios", out var many) && many.ValueKind == JsonValueKind.String && many.GetString() == "all")
        {
            // "all": every scenario of the file, in its order.
            names.AddRange(library.Scenarios.Select(s => s.Name).Where(n => !names.Contains(n)));
        }
        else if (root.TryGetProperty("scenarios", out many))
        {
            foreach (var (item, path) in Items(many, "scenarios", reader))
            {
                ScenarioName(item, path, reader, library, names);
            }
        }

        StressScenario? adHoc = null;
        var adHocName = reader.String(root, string.Empty, "name", required: false, ScenarioFileReader.MaxNameLength);
        if (root.TryGetProperty("shocks", out var shocksElement))
        {
            var shocks = reader.Shocks(shocksElement, "shocks", knownSymbols, library.Factors);
            if (shocks is not null && shocks.IsEmpty)
            {
                reader.Error("shocks", "gives no shock");
            }
            else if (shocks is not null)
            {
                adHoc = new StressScenario { Name = adHocName ?? "adhoc", Kind = StressScenarioKind.AdHoc, Description = "ad-hoc shocks from the request", Shocks = shocks };
            }
        }
        else if (adHocName is not null)
        {
            reader.Error("name", "names the ad-hoc shocks; give \"shocks\" too");
        }

        if (!root.TryGetProperty("scenario", out _) && !root.TryGetProperty("scenarios", out _) && !root.TryGetProperty("shocks", out _))
        {
            reader.Error("$", "give \"scenario\", \"scenarios\" or \"shocks\"");
        }

        var accounts = new List<string>();
        if (root.TryGetProperty("accounts", out var accountList))
        {
            foreach (var (item, path) in Items(accountList, "accounts", reader))
            {
                if (Account(item, path, reader, knownAccounts) is { } account && !accounts.Contains(account, StringComparer.Ordinal))
                {
                    accounts.Add(account);
                }
            }
        }

        var positions = new List<WhatIfPosition>();
        if (root.TryGetProperty("positions", out var positionList))
        {
            foreach (var (item, path) in Items(positionList, "positions", reader))
            {
                if (Position(item, path, reader, knownSymbols, knownAccounts) is { } position)
                {
                    positions.Add(position);
                }
            }
        }

        var mode = WhatIfMode.Add;
        if (reader.String(root, string.Empty, "positionsMode", required: false, 16) is { } modeText)
        {
            switch (modeText)
            {
                case "add":
                    mode = WhatIfMode.Add;
                    break;
                case "replace":
                    mode = WhatIfMode.Replace;
                    break;
                default:
                    reader.Error("positionsMode", $"expected \"add\" or \"replace\" but found \"{StressJson.Clip(modeText)}\"");
                    break;
            }
        }

        return new StressRequest { ScenarioNames = names, AdHoc = adHoc, Accounts = accounts, Positions = positions, PositionsMode = mode };
    }

    private static void ScenarioName(JsonElement element, string path, StressJson reader, ScenarioLibrary library, List<string> names)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            reader.Error(path, $"expected a scenario name but found {StressJson.Describe(element)}");
            return;
        }

        var name = element.GetString()!;
        if (library.Find(name) is null)
        {
            var known = library.Scenarios.Count == 0 ? "none" : string.Join(", ", library.Scenarios.Select(s => s.Name));
            reader.Error(path, $"unknown scenario '{StressJson.Clip(name)}' (known: {known})");
            return;
        }

        if (!names.Contains(name, StringComparer.Ordinal))
        {
            names.Add(name);
        }
    }

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement list, string path, StressJson reader)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            reader.Error(path, $"expected an array but found {StressJson.Describe(list)}");
            yield break;
        }

        if (list.GetArrayLength() > MaxItems)
        {
            reader.Error(path, $"at most {MaxItems} items");
            yield break;
        }

        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            yield return (item, StressJson.Index(path, i++));
        }
    }

    private static string? Account(JsonElement element, string path, StressJson reader, ISet<string>? knownAccounts)
    {
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 and <= 128 } account)
        {
            reader.Error(path, $"expected an account id (a non-empty string of at most 128 characters) but found {StressJson.Describe(element)}");
            return null;
        }

        if (knownAccounts is not null && !knownAccounts.Contains(account))
        {
            reader.Error(path, $"unknown account '{StressJson.Clip(account)}'");
            return null;
        }

        return account;
    }

    private static WhatIfPosition? Position(JsonElement element, string path, StressJson reader, ISet<string>? knownSymbols, ISet<string>? knownAccounts)
    {
        int before = reader.Problems.Count;
        if (!reader.ExpectObject(element, path))
        {
            return null;
        }

        reader.RejectUnknown(element, path, "account", "symbol", "quantity", "price");
        string? account = null;
        if (element.TryGetProperty("account", out var accountElement))
        {
            account = Account(accountElement, StressJson.Join(path, "account"), reader, knownAccounts);
        }

        var symbol = reader.String(element, path, "symbol", required: true, 32);
        if (symbol is not null && !StressJson.IsSymbol(symbol))
        {
            reader.Error(StressJson.Join(path, "symbol"), "a symbol is 1–32 characters of A–Z, 0–9, '.', '-' or '_'");
        }
        else if (symbol is not null && knownSymbols is not null && !knownSymbols.Contains(symbol))
        {
            reader.Error(StressJson.Join(path, "symbol"), $"unknown symbol '{symbol}' (not in the instrument catalogue)");
        }

        decimal? quantity = null;
        if (!element.TryGetProperty("quantity", out var quantityElement))
        {
            reader.Error(StressJson.Join(path, "quantity"), "is required");
        }
        else
        {
            quantity = reader.Number(quantityElement, StressJson.Join(path, "quantity"), -MaxAmount, MaxAmount);
        }

        decimal? price = null;
        if (element.TryGetProperty("price", out var priceElement))
        {
            price = reader.Number(priceElement, StressJson.Join(path, "price"), 0m, MaxAmount, minExclusive: true);
        }

        return reader.Problems.Count > before ? null : new WhatIfPosition(account, symbol!, quantity!.Value, price);
    }
}
