using System.Globalization;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host;

/// <summary>
/// The host's <c>--until</c>: where in simulated time the synthetic feeds stop — an instant
/// (<c>2026-03-03T14:30:00Z</c>) or a span after each feed's configured start (<c>+1d</c>). With the feeds done the
/// host drains the engine and stops as it does when a replay file runs out, so a run covers an exact stretch of
/// simulated time however fast the machine is (a desk check of "the first simulated trading day").
/// </summary>
/// <param name="Instant">The end as ns since the Unix epoch, or null when relative.</param>
/// <param name="AfterStart">The end as a span after the feed's configured start, or null when absolute.</param>
public sealed record SimulatedEnd(long? Instant, TimeSpan? AfterStart)
{
    /// <summary>Parses the option's value; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static SimulatedEnd Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith('+'))
        {
            return DurationText.TryParse(text[1..], out var span) && span > TimeSpan.Zero
                ? new SimulatedEnd(null, span)
                : throw new ArgumentException($"invalid --until '{text}': after '+' give a positive duration ({DurationText.Expected})");
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? new SimulatedEnd((instant.UtcTicks - DateTime.UnixEpoch.Ticks) * 100, null)
            : throw new ArgumentException($"invalid --until '{text}': expected an instant such as 2026-03-03T14:30:00Z or +DURATION such as +1d");
    }

    /// <summary><paramref name="config"/> with every synthetic feed ending here; throws when there is no synthetic feed to stop.</summary>
    public HostConfig Apply(HostConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var found = false;
        var feeds = config.MarketData.Feeds.Select(feed =>
        {
            if (feed is not SyntheticFeedDefinition synthetic)
            {
                return feed;
            }

            found = true;
            var end = Instant ?? checked(synthetic.Options.StartNanoseconds + (AfterStart!.Value.Ticks * 100));
            return synthetic with { EndNanoseconds = end };
        }).ToList();
        return found
            ? config with { MarketData = config.MarketData with { Feeds = feeds } }
            : throw new ArgumentException("--until stops synthetic feeds, and the configuration has none (a replay feed ends with its file)");
    }
}
