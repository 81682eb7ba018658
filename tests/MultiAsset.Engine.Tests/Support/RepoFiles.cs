using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.Support;

/// <summary>Finds files of the repository from the test's output folder (tests run from bin/...).</summary>
internal static class RepoFiles
{
    /// <summary>The repository root: the first ancestor of the test binaries holding MultiAsset.Engine.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Absolute path of a repository-relative path such as "config/instruments.json".</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The shipped <c>config/instruments.json</c>, loaded once for every test that needs it.</summary>
    public static InstrumentCatalog ShippedCatalog => Shipped.Value;

    private static readonly Lazy<InstrumentCatalog> Shipped = new(
        () => InstrumentCatalogLoader.Load(PathOf(InstrumentCatalogLoader.DefaultPath), InstrumentCatalogLoader.DefaultPath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiAsset.Engine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MultiAsset.Engine.sln not found above {AppContext.BaseDirectory}.");
    }
}
