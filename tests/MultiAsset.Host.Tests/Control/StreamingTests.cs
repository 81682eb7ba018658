using System.Text.Json;
using Grpc.Core;
using MultiAsset.Control.V1;

namespace MultiAsset.Host.Tests.Control;

/// <summary>The gRPC live views against a running engine, through a real gRPC client.</summary>
public class StreamingTests(MetricsServerFixture fixture) : IClassFixture<MetricsServerFixture>
{
    private ControlTestServer S => fixture.Server;

    private static Metadata Admin => ControlTestServer.Key(ControlTestServer.AdminKey);

    [Fact]
    public async Task WatchFills_SendsTheFillOfAnOperatorOrder_AndWatchPositionsSeesIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var positions = S.Grpc.WatchPositions(new WatchRequest { Account = "crypto-tech", IntervalMs = 100 }, Admin, cancellationToken: timeout.Token);
        Assert.True(await positions.ResponseStream.MoveNext(timeout.Token));
        var first = positions.ResponseStream.Current;
        Assert.Equal(1, first.Sequence);
        Assert.Equal("crypto-tech", JsonDocument.Parse(first.Json).RootElement[0].GetProperty("key").GetString());

        using var fills = S.Grpc.WatchFills(new WatchRequest { Account = "crypto-tech", IntervalMs = 100 }, ControlTestServer.Key(ControlTestServer.ScopedTraderKey), cancellationToken: timeout.Token);
        var next = fills.ResponseStream.MoveNext(timeout.Token);
        await Task.Delay(300); // the fills stream takes its baseline first
        S.PublishQuote("ETHUSD", 3_000, 3_001);
        var order = await S.SendAsync(HttpMethod.Post, "/orders/batch", ControlTestServer.AdminKey, """{ "orders": [ { "account": "crypto-tech", "symbol": "ETHUSD", "side": "Buy", "quantity": 0.5 } ] }""");
        Assert.True(order.IsSuccessStatusCode, await order.Content.ReadAsStringAsync());
        await LiveTestWaits.UntilFilledAsync(S, "crypto-tech", "ETHUSD", await order.Content.ReadAsStringAsync());

        Assert.True(await next);
        var fill = JsonDocument.Parse(fills.ResponseStream.Current.Json).RootElement[0];
        Assert.Equal("crypto-tech", fill.GetProperty("account").GetString());
        Assert.Equal("ETHUSD", fill.GetProperty("symbol").GetString());
        Assert.Equal(0.5m, fill.GetProperty("quantityDelta").GetDecimal());
        Assert.True(fill.GetProperty("feesDelta").GetDecimal() > 0);

        // The positions stream sends the change too (later sequence numbers, ETHUSD among the positions).
        var seen = false;
        while (!seen && await positions.ResponseStream.MoveNext(timeout.Token))
        {
            seen = positions.ResponseStream.Current.Json.Contains("\"ETHUSD\"", StringComparison.Ordinal);
            Assert.True(positions.ResponseStream.Current.Sequence > 1);
        }

        Assert.True(seen);
    }

    [Fact]
    public async Task WatchRisk_SendsTheCurrentStateFirst()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var risk = S.Grpc.WatchRisk(new WatchRequest(), ControlTestServer.Key(ControlTestServer.ViewerKey), cancellationToken: timeout.Token);
        Assert.True(await risk.ResponseStream.MoveNext(timeout.Token));
        Assert.True(JsonDocument.Parse(risk.ResponseStream.Current.Json).RootElement.TryGetProperty("verdicts", out _));
    }

    [Fact]
    public async Task Watch_ChecksKeyScopeAndInterval()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var none = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(S.Grpc.WatchRisk(new WatchRequest(), cancellationToken: timeout.Token), timeout.Token));
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);

        var other = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(S.Grpc.WatchPositions(new WatchRequest { Account = "fx-carry" }, ControlTestServer.Key(ControlTestServer.ScopedTraderKey), cancellationToken: timeout.Token), timeout.Token));
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);

        var fast = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(S.Grpc.WatchFills(new WatchRequest { IntervalMs = 5 }, Admin, cancellationToken: timeout.Token), timeout.Token));
        Assert.Equal(StatusCode.InvalidArgument, fast.StatusCode);
        Assert.Equal("interval_ms", fast.Trailers.GetValue("problem-field"));
    }

    private static async Task<WatchUpdate> FirstAsync(AsyncServerStreamingCall<WatchUpdate> call, CancellationToken cancellationToken)
    {
        using (call)
        {
            Assert.True(await call.ResponseStream.MoveNext(cancellationToken));
            return call.ResponseStream.Current;
        }
    }
}
