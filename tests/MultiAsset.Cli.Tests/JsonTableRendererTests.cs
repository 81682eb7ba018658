using MultiAsset.Cli.Control;

namespace MultiAsset.Cli.Tests;

public sealed class JsonTableRendererTests
{
    private static string Render(string json, IReadOnlyList<string>? columns = null)
    {
        using var output = new StringWriter();
        JsonTableRenderer.Write(output, json, columns);
        return output.ToString();
    }

    [Fact]
    public void LongValues_AreNeverCut()
    {
        var long1 = string.Concat(Enumerable.Repeat("abcdefghij", 30)); // 300 characters, wider than the console
        var text = Render($$"""{ "id": "x", "note": "{{long1}}" }""");
        Assert.DoesNotContain("…", text);
        Assert.Equal(long1, string.Concat(text.Where(char.IsLetter)).Replace("fieldvalueidxnote", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void NestedValues_AreRenderedAsSections_WithEveryValue()
    {
        var text = Render("""
            { "key": "cross-asset-arb", "pnl": { "total": 65.28, "strategies": [ { "name": "arb", "realised": 117.73,
              "instruments": [ { "symbol": "EURJPY", "quoteCurrency": "JPY", "position": 100000 } ] } ] } }
            """);
        Assert.DoesNotContain("…", text);
        Assert.Contains("pnl:", text);
        Assert.Contains("pnl.strategies:", text);
        Assert.Contains("pnl.strategies[0] (arb).instruments:", text);
        Assert.Contains("EURJPY", text);
        Assert.Contains("JPY", text);
        Assert.Contains("117.73", text);
    }

    [Fact]
    public void WideArrays_PrintEachItemAsFieldValue_NotDroppingColumns()
    {
        var fields = string.Join(", ", Enumerable.Range(0, 15).Select(k => $"\"f{k}\": {k}"));
        var text = Render($"[ {{ {fields} }} ]");
        for (int k = 0; k < 15; k++)
        {
            Assert.Contains($"f{k}", text);
        }

        Assert.Contains("[0]:", text);
    }
}
