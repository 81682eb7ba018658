using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Venues;

namespace MultiAsset.Engine.Routing.Smart;

/// <summary>
/// The smart-order-routing decision: splits a parent slice across the venues routed for its asset class by effective
/// price. Pure (every input is a parameter; nothing carries over between calls but scratch space) and allocation-free
/// (scratch preallocated here, results written into the caller's span).
/// </summary>
/// <remarks>
/// <para><b>Which venues.</b> The candidates come in preference order (the seed's <c>assetClassRoutes</c>). A venue is
/// skipped when the request excludes it, when its recent reject rate is above
/// <see cref="VenueRoutingPolicy.MaxRejectRate"/>, or — with <see cref="VenueRoutingPolicy.LatencyOptimization"/> — when its
/// average ack latency is above <see cref="VenueRoutingPolicy.MaxAckLatencyNanos"/> for the slice's asset class; a venue is judged only once its window
/// holds <see cref="VenueRoutingPolicy.MinHealthSamples"/> outcomes (an untried venue is healthy).</para>
/// <para><b>How much where.</b> Every displayed level of the eligible venues is priced at its effective price: level price
/// plus the venue's taker fee per unit for a buy (minus, for a sell). The cheapest levels across all venues are taken first
/// (<see cref="LiquiditySweepPlanner"/>) up to the slice's quantity and limit, so the split follows displayed depth and the
/// slippage of walking a venue's book is priced in: a venue with a better touch but a thin book or a high fee loses the
/// volume beyond what it does best. Ties go to the earlier venue in preference order. Greedy by level is optimal here
/// because each level's cost is linear in the quantity taken from it.</para>
/// <para><b>What is left.</b> Quantity the displayed depth cannot fill goes, when
/// <see cref="VenueRoutingPolicy.RouteRemainder"/>, to the venue of the best level taken (or, when nothing is displayed, the
/// first eligible venue), to rest or be cancelled there at the slice's limit; otherwise it is reported as unrouted.</para>
/// </remarks>
public sealed class SmartOrderRouter
{
    private readonly VenueRoutingPolicy policy;
    private readonly DepthLevel[] levels;
    private readonly SweepAllocation[] sweep;

    /// <summary>Creates a router whose scratch holds <paramref name="maxDepthLevels"/> levels (all candidate venues together).</summary>
    public SmartOrderRouter(VenueRoutingPolicy policy, int maxDepthLevels)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepthLevels);
        this.policy = policy;
        levels = new DepthLevel[maxDepthLevels];
        sweep = new SweepAllocation[maxDepthLevels];
    }

    /// <summary>The policy venues are judged by.</summary>
    public VenueRoutingPolicy Policy => policy;

    /// <summary>Most depth levels one decision can consider.</summary>
    public int MaxDepthLevels => levels.Length;

    /// <summary>Whether <paramref name="venue"/> may take part in routing <paramref name="request"/>.</summary>
    public VenueAssessment Assess(in RouteRequest request, in VenueRouteInput venue)
    {
        if (request.IsExcluded(venue.Venue))
        {
            return VenueAssessment.Excluded;
        }

        if (request.IgnoreHealth)
        {
            return VenueAssessment.Eligible;
        }

        var health = venue.Health;
        if (health.Samples >= policy.MinHealthSamples && health.RejectRate > policy.MaxRejectRate)
        {
            return VenueAssessment.Rejecting;
        }

        if (policy.LatencyOptimization && health.LatencySamples >= policy.MinHealthSamples && health.AverageAckLatencyNanos > policy.MaxAckLatencyNanos(request.AssetClass))
        {
            return VenueAssessment.Slow;
        }

        return VenueAssessment.Eligible;
    }

    /// <summary>
    /// Routes <paramref name="request"/> across <paramref name="venues"/> (preference order), whose displayed levels are in
    /// <paramref name="depth"/>. Writes at most one allocation per venue into <paramref name="allocations"/>, best effective
    /// price first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Side not Buy/Sell, negative quantity or non-positive lot size.</exception>
    /// <exception cref="ArgumentException">The depth exceeds <see cref="MaxDepthLevels"/>, a venue's depth range is outside
    /// <paramref name="depth"/>, or <paramref name="allocations"/> is shorter than <paramref name="venues"/>.</exception>
    public RouteDecision Route(in RouteRequest request, ReadOnlySpan<VenueRouteInput> venues, ReadOnlySpan<DepthLevel> depth, Span<RouteAllocation> allocations)
    {
        Validate(request, venues, depth, allocations);
        long lotRaw = request.LotSize.Raw;
        long lots = request.Quantity.Raw / lotRaw;
        long belowLot = request.Quantity.Raw - (lots * lotRaw);

        // Price every eligible level at its effective price; keep the first eligible venue for a remainder.
        int n = 0;
        int firstEligible = -1;
        ulong slow = 0;
        ulong rejecting = 0;
        for (int v = 0; v < venues.Length; v++)
        {
            ref readonly var venue = ref venues[v];
            switch (Assess(request, venue))
            {
                case VenueAssessment.Slow:
                    slow |= RouteRequest.VenueBit(venue.Venue);
                    continue;
                case VenueAssessment.Rejecting:
                    rejecting |= RouteRequest.VenueBit(venue.Venue);
                    continue;
                case VenueAssessment.Excluded:
                    continue;
                default:
                    break;
            }

            firstEligible = firstEligible < 0 ? v : firstEligible;
            foreach (ref readonly var level in depth.Slice(venue.DepthStart, venue.DepthCount))
            {
                levels[n++] = new DepthLevel(venue.Venue, level.Price, level.Lots, venue.Fees.TakerFeePerUnit(level.Price, request.AssetClass));
            }
        }

        long planned = LiquiditySweepPlanner.Plan(request.Side, lots, request.Limit, levels.AsSpan(0, n), sweep, out int taken);
        int count = Aggregate(request, venues, taken, allocations, out var notional, out var fee);

        long remainder = lots - planned;
        long unrouted = belowLot;
        if (remainder > 0)
        {
            if (policy.RouteRemainder && (count > 0 || firstEligible >= 0))
            {
                if (count == 0)
                {
                    allocations[count++] = new RouteAllocation(venues[firstEligible].Venue, Quantity.Zero, Quantity.Zero, Price.Zero, Money.Zero, Money.Zero);
                }

                ref var best = ref allocations[0];
                best = best with { Quantity = best.Quantity + Quantity.FromRaw(remainder * lotRaw) };
            }
            else
            {
                unrouted += remainder * lotRaw;
            }
        }

        return new RouteDecision(count, Quantity.FromRaw(planned * lotRaw), Quantity.FromRaw(unrouted), notional, fee, slow, rejecting);
    }

    /// <summary>
    /// Re-routes a slice after <paramref name="rejecting"/> refused it: adds that venue to the request's exclusions (kept in
    /// <paramref name="request"/>, so repeated refusals accumulate) and routes again among the others.
    /// </summary>
    public RouteDecision Reroute(ref RouteRequest request, VenueId rejecting, ReadOnlySpan<VenueRouteInput> venues, ReadOnlySpan<DepthLevel> depth, Span<RouteAllocation> allocations)
    {
        request = request.Excluding(rejecting);
        return Route(request, venues, depth, allocations);
    }

    // Folds the sweep (one entry per level, best first) into one allocation per venue, in order of each venue's best level.
    private int Aggregate(in RouteRequest request, ReadOnlySpan<VenueRouteInput> venues, int taken, Span<RouteAllocation> allocations, out Money notional, out Money fee)
    {
        int count = 0;
        notional = Money.Zero;
        fee = Money.Zero;
        bool buy = request.Side == OrderSide.Buy;
        for (int s = 0; s < taken; s++)
        {
            var step = sweep[s];
            var quantity = Quantity.FromRaw(step.Lots * request.LotSize.Raw);
            var levelNotional = step.Price.Multiply(quantity);
            var levelFee = FeesOf(venues, step.Venue).Fee(levelNotional, quantity, Liquidity.Taker, request.AssetClass);
            notional += levelNotional;
            fee += levelFee;

            int a = 0;
            while (a < count && allocations[a].Venue != step.Venue)
            {
                a++;
            }

            if (a == count)
            {
                allocations[count++] = new RouteAllocation(step.Venue, quantity, quantity, step.Price, levelNotional, levelFee);
                continue;
            }

            ref var allocation = ref allocations[a];
            var worst = buy ? (step.Price > allocation.WorstPrice ? step.Price : allocation.WorstPrice)
                : (step.Price < allocation.WorstPrice ? step.Price : allocation.WorstPrice);
            allocation = new RouteAllocation(
                step.Venue,
                allocation.Quantity + quantity,
                allocation.DisplayedQuantity + quantity,
                worst,
                allocation.ExpectedNotional + levelNotional,
                allocation.ExpectedFee + levelFee);
        }

        return count;
    }

    private static VenueFeeSchedule FeesOf(ReadOnlySpan<VenueRouteInput> venues, VenueId venue)
    {
        foreach (ref readonly var candidate in venues)
        {
            if (candidate.Venue == venue)
            {
                return candidate.Fees;
            }
        }

        return default;
    }

    private void Validate(in RouteRequest request, ReadOnlySpan<VenueRouteInput> venues, ReadOnlySpan<DepthLevel> depth, Span<RouteAllocation> allocations)
    {
        if (request.Side is not (OrderSide.Buy or OrderSide.Sell))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Side, "The side must be Buy or Sell.");
        }

        if (request.Quantity.Raw < 0 || request.LotSize.Raw <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The quantity must not be negative and the lot size must be positive.");
        }

        if (allocations.Length < venues.Length)
        {
            throw new ArgumentException($"allocations has room for {allocations.Length}; pass at least one per venue ({venues.Length}).", nameof(allocations));
        }

        int total = 0;
        foreach (ref readonly var venue in venues)
        {
            if (venue.DepthStart < 0 || venue.DepthCount < 0 || venue.DepthStart + venue.DepthCount > depth.Length)
            {
                throw new ArgumentException($"Venue {venue.Venue.Value}'s depth range [{venue.DepthStart}, +{venue.DepthCount}) is outside the depth span ({depth.Length}).", nameof(venues));
            }

            total += venue.DepthCount;
        }

        if (total > levels.Length)
        {
            throw new ArgumentException($"{total} depth levels exceed the router's scratch of {levels.Length}.", nameof(depth));
        }
    }
}
