using System.Collections.Concurrent;
using System.Security.Cryptography;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Backtesting;
using NATS.Client.ObjectStore;

namespace MultiAsset.Cluster.Sweeps;

/// <summary>
/// How a run's files reach a worker. The caller stores every file a backtest names (data caches, replay files,
/// instruments, accounts, venues, risk, coordination, scenarios) in the object store once, under the SHA-256 of its
/// bytes, and writes <c>nats-object:SHA256/NAME</c> in its place; a worker fetches each such file once into its cache
/// folder, checks the hash, and runs on the local copy. With shared files the paths are left as they are (a folder
/// every worker sees at the same path).
/// </summary>
public static class SweepFiles
{
    /// <summary>The prefix of a path that is an object-store reference.</summary>
    public const string Prefix = "nats-object:";

    /// <summary>The spec with each file path passed through <paramref name="map"/>.</summary>
    public static async Task<BacktestSpec> MapAsync(BacktestSpec spec, Func<string, Task<string>> map)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(map);
        async Task<string?> Map(string? path) => path is null ? null : await map(path).ConfigureAwait(false);
        var data = new List<BacktestData>();
        foreach (var source in spec.Data)
        {
            if (source.Kind == "import")
            {
                // SweepData.Prepare has turned every import into a cache; a spec that still imports is not a sweep's.
                throw new ConfigurationException($"{spec.Source}: a cluster run replays prepared data; an import is left in it");
            }

            data.Add(source with { Path = await Map(source.Path).ConfigureAwait(false) });
        }

        return spec with
        {
            Data = data,
            Instruments = await Map(spec.Instruments).ConfigureAwait(false),
            AccountsFile = await Map(spec.AccountsFile).ConfigureAwait(false),
            Venues = await Map(spec.Venues).ConfigureAwait(false),
            Risk = await Map(spec.Risk).ConfigureAwait(false),
            Coordination = await Map(spec.Coordination).ConfigureAwait(false),
            Scenarios = await Map(spec.Scenarios).ConfigureAwait(false),
        };
    }

    /// <summary>The caller's side: stores <paramref name="path"/> (once per content) and returns its reference.</summary>
    public static async Task<string> ShareAsync(INatsObjStore store, string path, ConcurrentDictionary<string, string> shared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(shared);
        if (shared.TryGetValue(path, out var known))
        {
            return known;
        }

        string hash;
        await using (var file = File.OpenRead(path))
        {
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
        }

        var name = ObjectName(hash);
        if (!await ExistsAsync(store, name, cancellationToken).ConfigureAwait(false))
        {
            await Retry.JetStreamAsync(async () =>
            {
                await using var file = File.OpenRead(path);
                await store.PutAsync(name, file, leaveOpen: false, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        var reference = $"{Prefix}{hash}/{Path.GetFileName(path)}";
        shared[path] = reference;
        return reference;
    }

    /// <summary>The worker's side: the local copy of <paramref name="reference"/> in <paramref name="cache"/> (fetched when missing); a plain path is returned as it is.</summary>
    /// <exception cref="InvalidDataException">The fetched bytes do not have the hash they are named by.</exception>
    public static async Task<string> FetchAsync(INatsObjStore store, string reference, string cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(reference);
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return reference;
        }

        var rest = reference[Prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hash = rest[..slash];
        var local = Path.Combine(cache, hash, Path.GetFileName(rest[(slash + 1)..]));
        if (File.Exists(local))
        {
            return local;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var partial = $"{local}.{Guid.NewGuid():N}.part";
        try
        {
            await Retry.JetStreamAsync(async () =>
            {
                await using var file = File.Create(partial);
                await store.GetAsync(ObjectName(hash), file, leaveOpen: false, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            string actual;
            await using (var file = File.OpenRead(partial))
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
            }

            if (actual != hash)
            {
                throw new InvalidDataException($"{reference}: the object store returned bytes with SHA-256 {actual}");
            }

            // Another run of this worker may have fetched it meanwhile: both copies are the same bytes.
            File.Move(partial, local, overwrite: true);
            return local;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Object name of a data file.</summary>
    public static string ObjectName(string hash) => $"data/{hash}";

    /// <summary>Whether the object store holds <paramref name="name"/>.</summary>
    public static async Task<bool> ExistsAsync(INatsObjStore store, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await Retry.JetStreamAsync(() => store.GetInfoAsync(name, showDeleted: false, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NatsObjNotFoundException)
        {
            return false;
        }
    }
}
