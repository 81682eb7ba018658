using System.Text.Json;

namespace MultiAsset.Engine.Pipeline;

/// <summary>Reading a configuration file and parsing its JSON, with failures as <see cref="ConfigurationException"/>s that name the source.</summary>
public static class ConfigText
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The text of <paramref name="path"/>; <paramref name="what"/> says what the file holds ("risk limits").</summary>
    /// <exception cref="ConfigurationException">The file cannot be read.</exception>
    public static string Read(string path, string source, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{source}: cannot read the {what}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Parses <paramref name="json"/> (comments and trailing commas allowed; a key written twice or a number beyond a
    /// double is an error with its path, see <see cref="StrictJson"/>).
    /// </summary>
    /// <exception cref="ConfigurationException">The text is not JSON, or not strict JSON.</exception>
    public static JsonDocument Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{source}: invalid JSON: {ex.Message}", ex);
        }

        if (StrictJson.FindProblem(document.RootElement) is { } problem)
        {
            document.Dispose();
            throw new ConfigurationException($"{source}: {problem.Path}: {problem.Message}");
        }

        return document;
    }
}
