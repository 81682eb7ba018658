namespace MultiAsset.Benchmarks;

/// <summary>Finds the repository's files from wherever BenchmarkDotNet runs the benchmark process (under bin/).</summary>
internal static class RepoFiles
{
    /// <summary>Absolute path of a repository-relative path such as "config/instruments.json".</summary>
    public static string PathOf(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MultiAsset.Engine.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException($"MultiAsset.Engine.sln not found above {AppContext.BaseDirectory}.");
    }
}
