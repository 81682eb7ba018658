using System.Reflection;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host;

/// <summary>
/// Where the host reads the files its configuration names (instruments, strategies, accounts, ...): the folder of
/// the configuration file, or — when the host runs on its embedded defaults — the copies built into the binary.
/// Names are relative to <c>config/</c> with '/' separators, e.g. <c>strategies/fx-carry-equity-hedge.json</c>.
/// </summary>
public abstract class ConfigFiles
{
    /// <summary>The text of <paramref name="name"/>.</summary>
    /// <exception cref="ConfigurationException">There is no such file.</exception>
    public abstract string Read(string name);

    /// <summary>How <paramref name="name"/> is named in error messages.</summary>
    public abstract string Describe(string name);

    /// <summary>The names of the <c>*.json</c> files directly in folder <paramref name="directory"/>, in ordinal order.</summary>
    /// <exception cref="ConfigurationException">There is no such folder.</exception>
    public abstract IReadOnlyList<string> ListJson(string directory);

    /// <summary>Files under a folder on disk.</summary>
    public static ConfigFiles In(string directory) => new DirectoryFiles(directory);

    /// <summary>The files built into the host binary (a copy of the repository's <c>config/</c>).</summary>
    public static ConfigFiles Embedded { get; } = new EmbeddedFiles();

    private sealed class DirectoryFiles(string root) : ConfigFiles
    {
        public override string Read(string name)
        {
            var path = Path.GetFullPath(name, root);
            return File.Exists(path) ? File.ReadAllText(path) : throw new ConfigurationException($"{path}: file not found");
        }

        public override string Describe(string name) => Path.GetFullPath(name, root);

        public override IReadOnlyList<string> ListJson(string directory)
        {
            var path = Path.GetFullPath(directory, root);
            if (!Directory.Exists(path))
            {
                throw new ConfigurationException($"{path}: folder not found");
            }

            return [.. Directory.GetFiles(path, "*.json").Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
        }
    }

    private sealed class EmbeddedFiles : ConfigFiles
    {
        private const string Prefix = "MultiAsset.Host.config.";

        public override string Read(string name)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name.Replace('/', '.'))
                ?? throw new ConfigurationException($"embedded defaults: there is no built-in config/{name}");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        public override string Describe(string name) => $"embedded defaults (config/{name})";

        public override IReadOnlyList<string> ListJson(string directory)
        {
            var prefix = Prefix + directory.TrimEnd('/').Replace('/', '.') + ".";
            var names = Assembly.GetExecutingAssembly().GetManifestResourceNames()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)
                    && n.AsSpan(prefix.Length, n.Length - prefix.Length - ".json".Length).IndexOf('.') < 0)
                .Select(n => directory.TrimEnd('/') + "/" + n[prefix.Length..])
                .Order(StringComparer.Ordinal)
                .ToList();
            return names.Count > 0 ? names : throw new ConfigurationException($"embedded defaults: there is no built-in config/{directory}");
        }
    }
}
