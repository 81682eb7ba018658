using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// Reads the <c>journal</c> section of engine.json:
/// <code>
/// "journal": { "directory": "data/journal", "segmentSize": "64MiB", "durability": "sync", "compress": true, "indexEvery": 4096,
///              "backgroundPriority": "idle", "chain": true, "hmacKeyFile": "secrets/journal.key", "checkpointEvery": 4096,
///              "audit": true, "auditDirectory": "data/journal/audit" }
/// </code>
/// <c>hmacKey</c> (the key as text, UTF-8) or <c>hmacKeyFile</c> (a file whose bytes are the key, a trailing newline
/// removed; relative to <c>baseDirectory</c>) authenticates the hash chain's checkpoints; without either the chain is
/// unauthenticated (see docs/journal-format.md, "Tamper evidence").
/// Every field is optional. A relative directory is relative to <c>baseDirectory</c> (the host passes the
/// configuration file's directory). Sizes are bytes (a number) or text with a unit: <c>B, KiB, MiB, GiB</c>
/// (<c>KB/MB/GB</c> are read as the same binary units). Every problem is recorded with its path.
/// </summary>
public static class JournalOptionsReader
{
    /// <summary>Directory used when the section gives none.</summary>
    public const string DefaultDirectory = "data/journal";

    /// <summary>Reads <paramref name="section"/> (absent: pass <see langword="null"/> to get the defaults).</summary>
    public static JournalOptions? Read(JsonElement? section, JsonSectionReader reader, string path, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        if (section is not { } obj)
        {
            return new JournalOptions { Directory = Path.GetFullPath(DefaultDirectory, baseDirectory) };
        }

        if (!reader.ExpectObject(obj, path))
        {
            return null;
        }

        reader.RejectUnknown(obj, path, "directory", "segmentSize", "durability", "compress", "indexEvery", "backgroundPriority", "chain", "hmacKey", "hmacKeyFile", "checkpointEvery", "audit", "auditDirectory");
        var directory = reader.String(obj, path, "directory", required: false) ?? DefaultDirectory;
        var segmentSize = JournalOptions.DefaultSegmentSize;
        if (obj.TryGetProperty("segmentSize", out var sizeElement))
        {
            var sizePath = JsonSectionReader.Join(path, "segmentSize");
            if (!TryReadSize(sizeElement, out segmentSize))
            {
                reader.Error(sizePath, $"invalid size {sizeElement.GetRawText()} (expected bytes or text such as \"64MiB\", \"512KiB\", \"1GiB\")");
                segmentSize = JournalOptions.DefaultSegmentSize;
            }
            else if (segmentSize < JournalOptions.MinimumSegmentSize || segmentSize > JournalOptions.MaximumSegmentSize || segmentSize % 4096 != 0)
            {
                reader.Error(sizePath, $"{segmentSize} bytes is not a multiple of 4096 in [64KiB, 1GiB]");
                segmentSize = JournalOptions.DefaultSegmentSize;
            }
        }

        var durability = reader.Enum(obj, path, "durability", JournalDurability.Sync);
        var compress = reader.Boolean(obj, path, "compress", fallback: true);

        var indexEvery = (int)reader.Integer(obj, path, "indexEvery", JournalOptions.DefaultIndexEvery, 1, 1 << 24);
        var priority = reader.Enum(obj, path, "backgroundPriority", JournalBackgroundPriority.Idle);
        var chain = reader.Boolean(obj, path, "chain", fallback: true);

        var checkpointEvery = (int)reader.Integer(obj, path, "checkpointEvery", JournalOptions.DefaultChainCheckpointEvery, 1, 1 << 24);
        if ((checkpointEvery & (checkpointEvery - 1)) != 0)
        {
            reader.Error(JsonSectionReader.Join(path, "checkpointEvery"), $"{checkpointEvery} is not a power of two");
            checkpointEvery = JournalOptions.DefaultChainCheckpointEvery;
        }

        var key = ReadKey(obj, reader, path, baseDirectory);
        var audit = reader.Boolean(obj, path, "audit", fallback: true);
        var auditDirectory = reader.String(obj, path, "auditDirectory", required: false);
        var journalDirectory = Path.GetFullPath(directory, baseDirectory);
        return new JournalOptions
        {
            Directory = journalDirectory,
            AuditTrail = audit,
            AuditDirectory = auditDirectory is null ? Path.Combine(journalDirectory, MultiAsset.Engine.Journal.Audit.AuditTrailFiles.DefaultFolder) : Path.GetFullPath(auditDirectory, baseDirectory),
            SegmentSize = segmentSize,
            Durability = durability,
            CompressClosedSegments = compress,
            IndexEvery = indexEvery,
            BackgroundPriority = priority,
            Chain = chain,
            ChainCheckpointEvery = checkpointEvery,
            HmacKey = key,
        };
    }

    /// <summary>The chain key from <c>hmacKey</c> or <c>hmacKeyFile</c> (not both); null when neither is given.</summary>
    private static byte[]? ReadKey(JsonElement obj, JsonSectionReader reader, string path, string baseDirectory)
    {
        var text = reader.String(obj, path, "hmacKey", required: false);
        var file = reader.String(obj, path, "hmacKeyFile", required: false);
        if (text is not null && file is not null)
        {
            reader.Error(JsonSectionReader.Join(path, "hmacKey"), "give hmacKey or hmacKeyFile, not both");
            return null;
        }

        if (text is not null)
        {
            return text.Length > 0 ? System.Text.Encoding.UTF8.GetBytes(text) : null;
        }

        if (file is null)
        {
            return null;
        }

        try
        {
            return ReadKeyFile(Path.GetFullPath(file, baseDirectory));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            reader.Error(JsonSectionReader.Join(path, "hmacKeyFile"), $"cannot read the key file {file}: {ex.Message}");
            return null;
        }
    }

    /// <summary>Reads a key file: its bytes, a trailing newline (LF or CRLF) removed; an empty key is refused.</summary>
    /// <exception cref="IOException">The file cannot be read or is empty.</exception>
    public static byte[] ReadKeyFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        return length > 0 ? bytes[..length] : throw new IOException($"the key file {path} is empty");
    }

    /// <summary>Parses a size: a JSON number of bytes or text such as "64MiB"; false when malformed or not positive.</summary>
    public static bool TryReadSize(JsonElement element, out long bytes)
    {
        bytes = 0;
        if (element.ValueKind == JsonValueKind.Number)
        {
            return element.TryGetInt64(out bytes) && bytes > 0;
        }

        return element.ValueKind == JsonValueKind.String && TryParseSize(element.GetString(), out bytes);
    }

    /// <summary>Parses text such as "64MiB", "512 KiB", "1GB", "65536"; false when malformed or not positive.</summary>
    public static bool TryParseSize(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        int unitStart = span.Length;
        while (unitStart > 0 && char.IsLetter(span[unitStart - 1]))
        {
            unitStart--;
        }

        long multiplier = span[unitStart..].ToString().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1024,
            "M" or "MB" or "MIB" => 1024 * 1024,
            "G" or "GB" or "GIB" => 1024 * 1024 * 1024,
            _ => 0,
        };
        if (multiplier == 0 || !long.TryParse(span[..unitStart].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number <= 0 || number > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = number * multiplier;
        return true;
    }
}
