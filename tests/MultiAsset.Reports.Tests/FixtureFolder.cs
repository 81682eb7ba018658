namespace MultiAsset.Reports.Tests;

/// <summary>A copy of a fixture results folder in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class FixtureFolder : IDisposable
{
    public FixtureFolder(string fixture)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"report-test-{fixture}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)))
        {
            System.IO.File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
