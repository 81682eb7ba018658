using System.Text.Json;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.MarketData;

namespace MultiAsset.Engine.Tests.Journal;

/// <summary>Issue 18 item 5: the journal export names command rows as commands, with their kind, caller and correlation id.</summary>
public sealed class JournalExportCallerTests
{
    [Fact]
    public void The_publisher_journals_the_caller_and_the_export_shows_it_on_the_command_and_its_chunks()
    {
        var ring = new ValueRingBuffer<InputEvent>(16);
        var body = new byte[CommandChunk.Capacity + 3]; // two chunks
        var low = CommandPublisher.Publish(ring, CommandKind.SetKillSwitch, body, correlationId: 41, timestamp: JournalTestSupport.BaseTime, caller: 3);
        Assert.Equal((ushort)3, ring[low].Command.Caller);

        using var t = new JournalTestSupport();
        using (var writer = JournalWriter.Open(t.Options()))
        {
            for (var i = 0; i < 3; i++)
            {
                writer.Append(i, JournalTestSupport.BaseTime, in ring[low + i]);
            }

            var quote = JournalTestSupport.EventAt(3);
            writer.Append(3, JournalTestSupport.BaseTime, in quote);
        }

        using var csv = new StringWriter();
        JournalExporter.Export(t.Directory, csv, new JournalExportOptions { Format = JournalExportFormat.Csv, Catalog = MarketDataTestCatalog.Create() });
        var lines = csv.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var columns = lines[0].Split(',').ToList();
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        string Cell(int row, string column) => rows[row][columns.IndexOf(column)];
        Assert.Equal(["Command", "Command", "Command", "InputEvent"], rows.Select(r => r[columns.IndexOf("type")]));
        Assert.Equal(["3", "3", "3", ""], rows.Select(r => r[columns.IndexOf("caller")]));
        Assert.Equal("41", Cell(0, "correlationId"));
        Assert.Equal("", Cell(1, "correlationId"));
        Assert.Equal("Command:SetKillSwitch", Cell(0, "kind"));

        using var json = new StringWriter();
        JournalExporter.Export(t.Directory, json, new JournalExportOptions());
        var header = JsonDocument.Parse(json.ToString().Split(Environment.NewLine)[0]).RootElement;
        Assert.Equal("Command", header.GetProperty("type").GetString());
        Assert.Equal(3, header.GetProperty("caller").GetInt32());
        Assert.Equal(41, header.GetProperty("correlationId").GetInt64());
    }

    [Fact]
    public void A_command_published_with_no_caller_reads_as_caller_zero()
    {
        var ring = new ValueRingBuffer<InputEvent>(4);
        var low = CommandPublisher.Publish(ring, CommandKind.CreateStrategy, "{}"u8, correlationId: 0, timestamp: 1);
        Assert.Equal((ushort)0, ring[low].Command.Caller);
    }
}
