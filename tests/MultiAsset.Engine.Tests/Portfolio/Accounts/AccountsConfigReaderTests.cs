using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Tests.Support;
using static MultiAsset.Engine.Tests.Portfolio.Accounts.AccountsTestData;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

public class AccountsConfigReaderTests
{
    private static ConfigurationException Fails(string json) => Assert.Throws<ConfigurationException>(() => ParseAccounts(json));

    [Fact]
    public void Parse_ValidDocument_AssignsDenseIdsAndReadsEveryField()
    {
        var config = ParseAccounts("""
            { "accounts": [
                { "id": "default", "baseCurrency": "USD", "type": "Cash", "initialCash": { "USD": 1000000 } },
                { "id": "fx-carry", "name": "FX Carry", "baseCurrency": "EUR", "type": "margin", "maxLeverage": 20.5,
                  "initialCash": { "EUR": "250000.25", "JPY": 30000000 } }
            ] }
            """);

        Assert.Equal(2, config.Count);
        Assert.Equal(new AccountId(1), config.IdOf("fx-carry"));
        Assert.False(config.TryGetId("nope", out var none));
        Assert.Equal(AccountId.None, none);
        var cash = config[new AccountId(0)];
        Assert.Equal(("default", "default", AccountType.Cash, 1m), (cash.Key, cash.Name, cash.Type, cash.MaxLeverage));
        var margin = config[new AccountId(1)];
        Assert.Equal("FX Carry", margin.Name);
        Assert.Equal(Eur, margin.BaseCurrency);
        Assert.Equal(AccountType.Margin, margin.Type);
        Assert.Equal(20.5m, margin.MaxLeverage);
        Assert.Equal([new CurrencyAmount(Eur, M(250_000.25m)), new CurrencyAmount(Jpy, M(30_000_000))], margin.InitialCash);
    }

    [Fact]
    public void Parse_UnknownCurrency_NamesThePath()
    {
        var ex = Fails("""{ "accounts": [ { "id": "a", "baseCurrency": "USD", "type": "Cash", "initialCash": { "USD": 1, "XYZ": 5 } } ] }""");
        Assert.Equal(
            "test-accounts.json: accounts[0].initialCash.XYZ: unknown currency 'XYZ' (known: USD, JPY, EUR, BTC, ETH, USDT, USDC)",
            ex.Message);

        var baseEx = Fails("""{ "accounts": [ { "id": "a", "baseCurrency": "usd", "type": "Cash" } ] }""");
        Assert.StartsWith("test-accounts.json: accounts[0].baseCurrency: unknown currency 'usd'", baseEx.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NegativeCash_NamesThePath()
    {
        var ex = Fails("""{ "accounts": [ { "id": "a", "baseCurrency": "USD", "type": "Cash", "initialCash": { "EUR": -10.5 } } ] }""");
        Assert.Equal("test-accounts.json: accounts[0].initialCash.EUR: initial cash cannot be negative (-10.5)", ex.Message);
    }

    [Fact]
    public void Parse_DuplicateId_NamesBothPlaces()
    {
        var ex = Fails("""
            { "accounts": [ { "id": "a", "baseCurrency": "USD", "type": "Cash" },
                            { "id": "b", "baseCurrency": "USD", "type": "Cash" },
                            { "id": "a", "baseCurrency": "USD", "type": "Cash" } ] }
            """);
        Assert.Equal("test-accounts.json: accounts[2].id: duplicate account id 'a' (first defined at accounts[0])", ex.Message);
    }

    [Fact]
    public void Parse_BadType_ListsTheAllowedValues()
    {
        var ex = Fails("""{ "accounts": [ { "id": "a", "baseCurrency": "USD", "type": "Futures" } ] }""");
        Assert.Equal("test-accounts.json: accounts[0].type: unknown value 'Futures' (expected one of: Cash, Margin)", ex.Message);
    }

    [Theory]
    [InlineData("""{ "id": "a", "baseCurrency": "USD", "type": "Cash", "maxLeverage": 2 }""", "accounts[0].maxLeverage: a Cash account cannot be levered")]
    [InlineData("""{ "id": "a", "baseCurrency": "USD", "type": "Margin" }""", "accounts[0].maxLeverage: required field is missing")]
    [InlineData("""{ "id": "a", "baseCurrency": "USD", "type": "Margin", "maxLeverage": 0 }""", "accounts[0].maxLeverage: 0 is out of range (0, 100]")]
    [InlineData("""{ "id": "a", "baseCurrency": "USD", "type": "Cash", "initialCash": { "USD": 1e6 } }""", "accounts[0].initialCash.USD: expected a decimal number")]
    [InlineData("""{ "id": "a", "baseCurrency": "USD", "type": "Cash", "initialCash": { "USD": 1, "USD": 2 } }""", "accounts[0].initialCash.USD: the key is written twice in the same object")]
    [InlineData("""{ "id": "a b", "baseCurrency": "USD", "type": "Cash" }""", "accounts[0].id: 'a b' must be 1 to 64 letters")]
    [InlineData("""{ "id": "a", "baseCurrency": "USD", "type": "Cash", "leverage": 1 }""", "accounts[0].leverage: unknown field")]
    [InlineData("""{ "baseCurrency": "USD", "type": "Cash" }""", "accounts[0].id: required field is missing")]
    public void Parse_OtherMistakes_NameThePath(string account, string expected)
    {
        var ex = Fails($$"""{ "accounts": [ {{account}} ] }""");
        Assert.Contains("test-accounts.json: " + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EverythingWrong_ReportsEveryProblem()
    {
        var ex = Fails("""
            { "accounts": [ { "id": "a", "baseCurrency": "XXX", "type": "Bank", "initialCash": { "USD": -1 } }, 7 ], "extra": 1 }
            """);
        Assert.Equal(5, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Contains("extra: unknown field", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("accounts[1]: expected an object", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NoAccounts_IsAnError()
    {
        Assert.Equal("test-accounts.json: accounts: at least one account is required", Fails("""{ "accounts": [] }""").Message);
        Assert.Equal("test-accounts.json: accounts: required field is missing", Fails("{}").Message);
        Assert.StartsWith("test-accounts.json: invalid JSON", Fails("{").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedAccounts_LoadAgainstTheShippedCatalogue()
    {
        var catalog = RepoFiles.ShippedCatalog;
        var currencies = CurrencyTable.FromCatalog(catalog);
        var config = AccountsConfigReader.Load(RepoFiles.PathOf(AccountsConfigReader.DefaultPath), currencies, AccountsConfigReader.DefaultPath);

        Assert.Equal(new AccountId(0), config.IdOf(AccountsConfig.DefaultAccountKey));
        foreach (var key in new[] { "crypto-tech", "fx-carry", "cross-asset-arb", "currency-momentum", "crypto-stock-correlation", "safe-haven", "volatility-arb" })
        {
            Assert.True(config.TryGetId(key, out _), key);
        }

        var fxCarry = config[config.IdOf("fx-carry")];
        Assert.Equal(["USD", "EUR", "JPY"], fxCarry.InitialCash.Select(c => currencies[c.Currency]));
        Assert.Contains(config[config.IdOf("crypto-tech")].InitialCash, c => currencies[c.Currency] == "USDT");

        // Every account is fully priced once the FX pairs have a mid (USDT is pegged).
        var book = new AccountBook(catalog, config);
        foreach (var instrument in catalog.OfClass(AssetClass.Forex).Where(i => i.IsTradable))
        {
            book.OnMark(instrument.Id, Price.FromDecimal(1.25m), 0);
        }

        Assert.All(config.Accounts, a => Assert.True(book.IsFullyPriced(a.Id), a.Key));
    }
}
