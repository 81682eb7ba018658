using Microsoft.Win32.SafeHandles;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>What <see cref="CsvLineReader.Next"/> found.</summary>
internal enum CsvLineResult
{
    /// <summary>A whole line (without its line ending).</summary>
    Line,

    /// <summary>A line that does not fit in the buffer (reported once, then skipped up to its newline).</summary>
    TooLong,

    /// <summary>The end of the file.</summary>
    End,
}

/// <summary>
/// Reads a text file line by line into one reusable byte buffer without allocating per line: the line reader shared by
/// the replay's <see cref="CsvEventSource"/> and the vendor-file importer (<c>Backtest/Import</c>), and the field
/// splitter both use.
/// </summary>
/// <remarks>
/// A trailing <c>'\r'</c> is dropped; a last line without a newline is still a line; a line that cannot fit in the
/// buffer is reported once (<see cref="CsvLineResult.TooLong"/>) and then skipped. The reader does not own the file
/// handle: the caller opens and disposes it.
/// </remarks>
internal sealed class CsvLineReader
{
    private readonly SafeFileHandle file;
    private readonly byte[] buffer;

    // Unread bytes are buffer[start..end); fileOffset is where the next read starts.
    private long fileOffset;
    private int start;
    private int end;
    private bool endOfFile;

    // Set after an over-long line was reported: the rest of it is discarded up to the next newline.
    private bool skippingLongLine;

    /// <summary>Reads <paramref name="file"/> from its start through <paramref name="buffer"/>.</summary>
    public CsvLineReader(SafeFileHandle file, byte[] buffer)
    {
        this.file = file;
        this.buffer = buffer;
    }

    /// <summary>The read buffer; a line found by <see cref="Next"/> is <c>Buffer.AsSpan(lineStart, lineLength)</c>.</summary>
    public byte[] Buffer => buffer;

    /// <summary>
    /// Splits <paramref name="line"/> on <paramref name="delimiter"/> into <paramref name="fields"/>; returns the field
    /// count, or <c>fields.Length + 1</c> when there are more fields than fit.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields, byte delimiter = (byte)',')
    {
        int count = 0;
        int position = 0;
        while (true)
        {
            int comma = line[position..].IndexOf(delimiter);
            int fieldEnd = comma < 0 ? line.Length : position + comma;
            if (count == fields.Length)
            {
                return count + 1;
            }

            fields[count++] = new Range(position, fieldEnd);
            if (comma < 0)
            {
                return count;
            }

            position = fieldEnd + 1;
        }
    }

    /// <summary>Finds the next line in the buffer, refilling it as needed.</summary>
    public CsvLineResult Next(out int lineStart, out int lineLength)
    {
        while (true)
        {
            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0 || (endOfFile && end > start))
            {
                lineStart = start;
                lineLength = newline >= 0 ? newline : end - start;
                start += newline >= 0 ? newline + 1 : lineLength;
                if (skippingLongLine)
                {
                    skippingLongLine = false;
                    continue;
                }

                if (lineLength > 0 && buffer[lineStart + lineLength - 1] == (byte)'\r')
                {
                    lineLength--;
                }

                return CsvLineResult.Line;
            }

            lineStart = 0;
            lineLength = 0;
            if (endOfFile)
            {
                return CsvLineResult.End;
            }

            if (skippingLongLine)
            {
                // Still inside the over-long line: drop everything buffered.
                start = end = 0;
            }
            else if (start > 0)
            {
                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }
            else if (end == buffer.Length)
            {
                skippingLongLine = true;
                start = end = 0;
                return CsvLineResult.TooLong;
            }

            int read = RandomAccess.Read(file, buffer.AsSpan(end), fileOffset);
            if (read == 0)
            {
                endOfFile = true;
            }

            end += read;
            fileOffset += read;
        }
    }
}
