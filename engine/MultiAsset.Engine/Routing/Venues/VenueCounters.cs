using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Venues;

/// <summary>What a simulated venue has done, counted (nothing is dropped silently). Read on the venue's thread.</summary>
public sealed class VenueCounters
{
    private readonly long[] rejects = new long[Enum.GetValues<VenueRejectReason>().Length];

    /// <summary>Quotes that rebuilt a book.</summary>
    public long Quotes { get; internal set; }

    /// <summary>Input bars that rebuilt a book (bars-only data) and were matched against the resting orders.</summary>
    public long Bars { get; internal set; }

    /// <summary>Quotes ignored: for an instrument the venue does not trade, or unusable (non-positive or crossed).</summary>
    public long IgnoredQuotes { get; internal set; }

    /// <summary>Orders taken by <see cref="IExecutionVenue.Submit"/> (accepted or rejected).</summary>
    public long Submitted { get; internal set; }

    /// <summary>Acks sent.</summary>
    public long Acks { get; internal set; }

    /// <summary>Fill reports sent (aggressive and passive).</summary>
    public long Fills { get; internal set; }

    /// <summary>Cancels sent (requested, and IOC/market remainders).</summary>
    public long Cancels { get; internal set; }

    /// <summary>Requests refused because the report queue was full (no report follows).</summary>
    public long Refused { get; internal set; }

    /// <summary>Limit orders rejected because every working-order slot was taken (reported as <see cref="VenueRejectReason.VenueUnavailable"/>).</summary>
    public long CapacityRejects { get; internal set; }

    /// <summary>Orders rejected because their child id was already working (reported as <see cref="VenueRejectReason.VenueUnavailable"/>).</summary>
    public long DuplicateIds { get; internal set; }

    /// <summary>Passive matches put off to a later quote because the report queue was full.</summary>
    public long DeferredPassiveFills { get; internal set; }

    /// <summary>Rejects sent for <paramref name="reason"/>.</summary>
    public long Rejects(VenueRejectReason reason) => (int)reason < rejects.Length ? rejects[(int)reason] : 0;

    /// <summary>Rejects sent, all reasons.</summary>
    public long TotalRejects
    {
        get
        {
            long total = 0;
            foreach (long r in rejects)
            {
                total += r;
            }

            return total;
        }
    }

    internal void CountReject(VenueRejectReason reason) => rejects[(int)reason]++;

    internal void AppendDigest(StateDigestBuilder builder)
    {
        builder.Add(Quotes).Add(Bars).Add(IgnoredQuotes).Add(Submitted).Add(Acks).Add(Fills).Add(Cancels).Add(Refused)
            .Add(CapacityRejects).Add(DuplicateIds).Add(DeferredPassiveFills).Add(rejects);
    }
}
