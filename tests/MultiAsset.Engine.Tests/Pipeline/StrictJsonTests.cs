using System.Text.Json;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Tests.Pipeline;

public sealed class StrictJsonTests
{
    private static (string Path, string Message)? Problem(string json)
    {
        using var document = JsonDocument.Parse(json);
        return StrictJson.FindProblem(document.RootElement);
    }

    [Theory]
    [InlineData("""{ "a": 1, "a": 2 }""", "a")]
    [InlineData("""{ "orders": [ { "x": 1 }, { "limitPrice": 1, "limitPrice": 2 } ] }""", "orders[1].limitPrice")]
    [InlineData("""{ "weights": { "odd name": 1, "odd name": 2 } }""", "weights['odd name']")]
    [InlineData("""[ { "k": 1, "k": 1 } ]""", "$[0].k")]
    public void A_key_written_twice_is_found_with_its_path(string json, string path)
    {
        var problem = Problem(json);
        Assert.NotNull(problem);
        Assert.Equal(path, problem.Value.Path);
        Assert.Contains("written twice", problem.Value.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "sliceSeconds": 1e400 }""", "sliceSeconds")]
    [InlineData("""{ "covariance": [ [ 1, -1e309 ] ] }""", "covariance[0][1]")]
    [InlineData("""1e999""", "$")]
    public void A_number_beyond_a_double_is_found_with_its_path(string json, string path)
    {
        var problem = Problem(json);
        Assert.NotNull(problem);
        Assert.Equal(path, problem.Value.Path);
        Assert.Contains("outside the range of a double", problem.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_document_has_no_problem()
        => Assert.Null(Problem("""{ "a": 1e300, "b": [ { "a": 1 }, { "a": 2 } ], "c": { "a": "1e999" } }"""));

    [Fact]
    public void Large_numbers_are_found_against_a_bound()
    {
        using var document = JsonDocument.Parse("""{ "covariance": [ [ 0.04, 1e308 ] ] }""");
        Assert.Equal("covariance[0][1]", StrictJson.FindLargeNumber(document.RootElement, 1e6)!.Value.Path);
        Assert.Null(StrictJson.FindLargeNumber(document.RootElement, double.MaxValue));
    }

    [Fact]
    public void Config_files_refuse_a_key_written_twice_with_its_path()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigText.Parse("""{ "risk": { "maxLeverage": 2, /* typo'd copy */ "maxLeverage": 20 } }""", "risk.json"));
        Assert.Equal("risk.json: risk.maxLeverage: the key is written twice in the same object", error.Message);
        ConfigText.Parse("{ \"a\": 1, // comment\n \"b\": [1, 2,], }", "ok.json").Dispose();
    }
}
