using System.IO.Compression;

namespace MultiAsset.Cluster.Sweeps;

/// <summary>A run's results folder as one zip: a worker packs it for the object store, the caller unpacks it into SWEEP/runs/RUNID.</summary>
public static class RunArchive
{
    /// <summary>The folder's files as zip bytes.</summary>
    public static byte[] Pack(string folder)
    {
        using var buffer = new MemoryStream();
        ZipFile.CreateFromDirectory(folder, buffer, CompressionLevel.Fastest, includeBaseDirectory: false);
        return buffer.ToArray();
    }

    /// <summary>Replaces <paramref name="folder"/> with the files of <paramref name="zip"/>.</summary>
    public static void Unpack(byte[] zip, string folder)
    {
        ArgumentNullException.ThrowIfNull(zip);
        // Unpacked beside it and moved in whole, so an interrupted caller never leaves a result.json without its files.
        var partial = folder + ".part";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        using (var buffer = new MemoryStream(zip, writable: false))
        {
            ZipFile.ExtractToDirectory(buffer, partial, overwriteFiles: true);
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(folder))!);
        Directory.Move(partial, folder);
    }
}
