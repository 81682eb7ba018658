using System.Collections.Concurrent;
using System.Net;

namespace MultiAsset.Host.Tests.Durability;

/// <summary>
/// A client hammering a host's read endpoints (status, strategies, accounts, risk, conflicts, execution quality,
/// metrics) from a few concurrent loops until disposed; counts the answers by status code.
/// </summary>
internal sealed class ReadLoad : IAsyncDisposable
{
    private static readonly string[] Paths =
    [
        "/api/multi-asset/status", "/api/multi-asset/strategies", "/api/multi-asset/accounts", "/api/multi-asset/risk/analysis",
        "/api/multi-asset/conflicts", "/api/multi-asset/execution/quality", "/metrics",
    ];

    private readonly CancellationTokenSource stop = new();
    private readonly Task[] loops;

    public ReadLoad(HttpClient http, Uri baseAddress, int concurrency = 3)
    {
        loops = [.. Enumerable.Range(0, concurrency).Select(i => Task.Run(() => LoopAsync(http, baseAddress, i, stop.Token)))];
    }

    /// <summary>Answers by status code.</summary>
    public ConcurrentDictionary<HttpStatusCode, int> Statuses { get; } = new();

    /// <summary>Reads answered 200.</summary>
    public int Succeeded => Statuses.GetValueOrDefault(HttpStatusCode.OK);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        stop.Dispose();
    }

    private async Task LoopAsync(HttpClient http, Uri baseAddress, int offset, CancellationToken token)
    {
        for (var i = offset; !token.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(baseAddress, Paths[i % Paths.Length]), token);
                Statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (TaskCanceledException)
            {
                // A read that timed out (the host was busy or killed): try again.
            }
            catch (HttpRequestException)
            {
                // The host went away (killed or stopped): keep trying until told to stop.
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }
}
