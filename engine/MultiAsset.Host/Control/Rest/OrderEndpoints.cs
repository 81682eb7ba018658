using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// <c>GET /orders</c>, <c>GET /orders/{id}</c> and <c>GET /fills</c> (docs/orders.md): the order ledger's read model.
/// Reads (viewer), account scope honoured; unknown or repeated query parameters and malformed values are 400 problems
/// naming the parameter.
/// </summary>
internal static class OrderEndpoints
{
#pragma warning disable ASP0016 // see ControlEndpoints: the handlers write their response themselves
    public static void Map(RouteGroupBuilder api, ControlService service)
    {
        api.MapGet("/orders", (HttpContext c) => ControlEndpoints.Run(c, caller => service.OrdersAsync(caller, Filter(c), c.RequestAborted), ControlService.OrderParameters));
        api.MapGet("/orders/{id}", (HttpContext c, string id) => ControlEndpoints.Run(c, caller => service.OrderAsync(caller, id, c.RequestAborted)));
        api.MapGet("/fills", (HttpContext c) => ControlEndpoints.Run(c, caller => service.FillsAsync(caller, Filter(c), c.RequestAborted), ControlService.FillParameters));
    }
#pragma warning restore ASP0016

    private static OrderFilterText Filter(HttpContext c) => new(
        ControlEndpoints.Query(c, "account"),
        ControlEndpoints.Query(c, "strategy"),
        ControlEndpoints.Query(c, "instrument"),
        ControlEndpoints.Query(c, "status"),
        ControlEndpoints.Query(c, "since"),
        ControlEndpoints.Query(c, "limit"),
        ControlEndpoints.Query(c, "order"));
}
