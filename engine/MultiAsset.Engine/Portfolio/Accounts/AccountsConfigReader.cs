using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// Loads <c>config/accounts.json</c> into an <see cref="AccountsConfig"/>, checking everything and reporting every
/// problem at once with its JSON path (<c>config/accounts.json: accounts[2].initialCash.EUR: ...</c>).
/// </summary>
/// <remarks>
/// <para>Shape: <c>{ "accounts": [ account, ... ] }</c>, at least one account; ids are positions in the array.</para>
/// <para>An account has <c>id</c> (unique; letters, digits, '-', '_', '.'), <c>baseCurrency</c> and <c>type</c>
/// ("Cash" or "Margin"); optional <c>name</c> (default: the id), <c>maxLeverage</c> (required for margin accounts,
/// greater than 0 and at most <see cref="MaxLeverageLimit"/>; a cash account may only say 1) and <c>initialCash</c>,
/// an object of currency code → amount ≥ 0 (default: no cash). Currencies must be in the <see cref="CurrencyTable"/>
/// (the catalogue's currencies plus the USD-pegged stablecoins). Amounts are JSON numbers or strings with at most 8
/// decimals, read exactly (never through <see langword="double"/>).</para>
/// </remarks>
public static class AccountsConfigReader
{
    /// <summary>Where the engine looks for the accounts, relative to the repository root.</summary>
    public const string DefaultPath = "config/accounts.json";

    /// <summary>Largest maximum leverage accepted (retail FX margin is 50:1; anything above is a typo).</summary>
    public const int MaxLeverageLimit = 100;

    private const int MaxKeyLength = 64;
    private static readonly string[] AccountFields = ["id", "name", "baseCurrency", "type", "maxLeverage", "initialCash"];

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="currencies">The currencies balances may be held in.</param>
    /// <param name="source">Name used in error messages; the path when null.</param>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid; lists every problem.</exception>
    public static AccountsConfig Load(string path, CurrencyTable currencies, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = ConfigText.Read(path, source ?? path, "accounts");

        return Parse(json, currencies, source ?? path);
    }

    /// <summary>Parses and validates accounts JSON.</summary>
    /// <param name="json">The document.</param>
    /// <param name="currencies">The currencies balances may be held in.</param>
    /// <param name="source">Name used in error messages (e.g. "config/accounts.json").</param>
    /// <exception cref="ConfigurationException">The JSON is malformed or invalid; lists every problem.</exception>
    public static AccountsConfig Parse(string json, CurrencyTable currencies, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(currencies);
        ArgumentNullException.ThrowIfNull(source);
        var document = ConfigText.Parse(json, source);

        using (document)
        {
            var reader = new JsonSectionReader(source);
            var root = document.RootElement;
            if (!reader.ExpectObject(root, "(root)"))
            {
                reader.ThrowIfAny();
            }

            reader.RejectUnknown(root, string.Empty, "accounts");
            var accounts = ReadAccounts(root, reader, currencies);
            reader.ThrowIfAny();
            return new AccountsConfig(currencies, accounts);
        }
    }

    private static List<AccountDefinition> ReadAccounts(JsonElement root, JsonSectionReader reader, CurrencyTable currencies)
    {
        var accounts = new List<AccountDefinition>();
        var firstPathByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = reader.Array(root, string.Empty, "accounts", required: true).ToList();
        if (items.Count == 0 && root.TryGetProperty("accounts", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            reader.Error("accounts", "at least one account is required");
        }

        foreach (var (item, path) in items)
        {
            if (!reader.ExpectObject(item, path))
            {
                continue;
            }

            reader.RejectUnknown(item, path, AccountFields);
            var key = ReadKey(item, reader, path, firstPathByKey);
            var baseCurrency = ReadCurrency(reader, currencies, JsonSectionReader.Join(path, "baseCurrency"), reader.String(item, path, "baseCurrency", required: true));
            var type = ReadType(item, reader, path);
            var leverage = ReadLeverage(item, reader, path, type);
            var cash = ReadInitialCash(item, reader, path, currencies);
            if (key is null || baseCurrency is null || type is null || leverage is null || cash is null)
            {
                continue; // errors were recorded above; the configuration will not be built.
            }

            accounts.Add(new AccountDefinition
            {
                Id = new AccountId(accounts.Count),
                Key = key,
                Name = reader.String(item, path, "name", required: false) ?? key,
                BaseCurrency = baseCurrency.Value,
                Type = type.Value,
                MaxLeverageRaw = leverage.Value,
                InitialCash = cash,
            });
        }

        return accounts;
    }

    private static string? ReadKey(JsonElement item, JsonSectionReader reader, string path, Dictionary<string, string> firstPathByKey)
    {
        var key = reader.String(item, path, "id", required: true);
        if (key is null)
        {
            return null;
        }

        var keyPath = JsonSectionReader.Join(path, "id");
        if (key.Length > MaxKeyLength || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            reader.Error(keyPath, $"'{key}' must be 1 to {MaxKeyLength} letters, digits, '-', '_' or '.'");
            return null;
        }

        if (!firstPathByKey.TryAdd(key, path))
        {
            reader.Error(keyPath, $"duplicate account id '{key}' (first defined at {firstPathByKey[key]})");
            return null;
        }

        return key;
    }

    private static AccountType? ReadType(JsonElement item, JsonSectionReader reader, string path)
    {
        int before = reader.Errors.Count;
        var type = reader.Enum(item, path, "type", AccountType.Cash, required: true);
        return reader.Errors.Count == before ? type : null;
    }

    private static long? ReadLeverage(JsonElement item, JsonSectionReader reader, string path, AccountType? type)
    {
        var leveragePath = JsonSectionReader.Join(path, "maxLeverage");
        if (!item.TryGetProperty("maxLeverage", out var value))
        {
            if (type == AccountType.Margin)
            {
                reader.Error(leveragePath, "required field is missing (a margin account must state its maximum leverage, e.g. 2)");
                return null;
            }

            return FixedPoint.Scale;
        }

        if (!TryReadDecimal(value, out long raw))
        {
            reader.Error(leveragePath, $"expected a decimal number with at most {FixedPoint.Decimals} decimals but found {value.GetRawText()}");
            return null;
        }

        if (raw <= 0 || raw > MaxLeverageLimit * FixedPoint.Scale)
        {
            reader.Error(leveragePath, $"{FixedPoint.Format(raw)} is out of range (0, {MaxLeverageLimit}]");
            return null;
        }

        if (type == AccountType.Cash && raw != FixedPoint.Scale)
        {
            reader.Error(leveragePath, $"a Cash account cannot be levered (maxLeverage must be 1 but is {FixedPoint.Format(raw)}); use \"type\": \"Margin\"");
            return null;
        }

        return raw;
    }

    private static List<CurrencyAmount>? ReadInitialCash(JsonElement item, JsonSectionReader reader, string path, CurrencyTable currencies)
    {
        var cash = new List<CurrencyAmount>();
        if (!item.TryGetProperty("initialCash", out var obj))
        {
            return cash;
        }

        var cashPath = JsonSectionReader.Join(path, "initialCash");
        if (!reader.ExpectObject(obj, cashPath))
        {
            return null;
        }

        bool ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var amountPath = JsonSectionReader.Join(cashPath, property.Name);
            if (!seen.Add(property.Name))
            {
                reader.Error(amountPath, $"{property.Name} is listed twice");
                ok = false;
                continue;
            }

            var currency = ReadCurrency(reader, currencies, amountPath, property.Name);
            if (!TryReadDecimal(property.Value, out long raw))
            {
                reader.Error(amountPath, $"expected a decimal number with at most {FixedPoint.Decimals} decimals (e.g. 1000000 or \"250000.50\") but found {property.Value.GetRawText()}");
                ok = false;
                continue;
            }

            if (raw < 0)
            {
                reader.Error(amountPath, $"initial cash cannot be negative ({FixedPoint.Format(raw)})");
                ok = false;
                continue;
            }

            if (currency is { } id)
            {
                cash.Add(new CurrencyAmount(id, Money.FromRaw(raw)));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? cash : null;
    }

    private static CurrencyId? ReadCurrency(JsonSectionReader reader, CurrencyTable currencies, string path, string? code)
    {
        if (code is null)
        {
            return null;
        }

        if (currencies.TryGet(code, out var id))
        {
            return id;
        }

        reader.Error(path, $"unknown currency '{code}' (known: {string.Join(", ", currencies.Codes)})");
        return null;
    }

    // The raw JSON text keeps 0.00001 exact; going through double would not.
    private static bool TryReadDecimal(JsonElement value, out long raw)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        raw = 0;
        return text is not null && FixedPoint.TryParse(text, out raw);
    }
}
