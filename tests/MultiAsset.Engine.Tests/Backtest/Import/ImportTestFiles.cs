using System.Text;
using MultiAsset.Engine.Backtest.Import;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Tests.MarketData;

namespace MultiAsset.Engine.Tests.Backtest.Import;

/// <summary>A temporary folder of vendor-like files and import specs, deleted on dispose.</summary>
public sealed class ImportTestFiles : IDisposable
{
    public static readonly InstrumentCatalog Catalog = MarketDataTestCatalog.Create();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("import-tests-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public string Write(string name, params string[] lines)
    {
        var path = Path(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>A spec from JSON, with relative paths resolved in this folder.</summary>
    public ImportSpec Spec(string json) => ImportSpec.Parse(json, "test-spec.json") with { BaseDirectory = Directory };

    public ImportReport Import(string json, string? output = null) => DataImporter.Run(Spec(json), Catalog, output is null ? null : Path(output));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
