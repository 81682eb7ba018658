namespace MultiAsset.Host.Backtesting;

/// <summary>
/// The files a backtest's engine configuration names: the few it generates (accounts, venues) by name, absolute paths
/// from disk (the spec's own files), everything else from the shipped configuration.
/// </summary>
internal sealed class BacktestConfigFiles(IReadOnlyDictionary<string, string> generated, ConfigFiles shipped) : ConfigFiles
{
    /// <summary>The shipped configuration: <c>config/</c> beside the binary, else the copy built into it.</summary>
    public static ConfigFiles Shipped
    {
        get
        {
            var besideBinary = Path.Combine(AppContext.BaseDirectory, "config");
            return File.Exists(Path.Combine(besideBinary, "engine.json")) ? In(besideBinary) : Embedded;
        }
    }

    public override string Read(string name)
        => generated.TryGetValue(name, out var text) ? text
            : Path.IsPathRooted(name) ? (File.Exists(name) ? File.ReadAllText(name) : throw new Engine.Pipeline.ConfigurationException($"{name}: file not found"))
            : shipped.Read(name);

    public override string Describe(string name)
        => generated.ContainsKey(name) ? $"backtest {name} (generated from the spec)" : Path.IsPathRooted(name) ? name : shipped.Describe(name);

    public override IReadOnlyList<string> ListJson(string directory) => shipped.ListJson(directory);
}
