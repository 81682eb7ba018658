using Microsoft.AspNetCore.Http;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Rest;

/// <summary>Reads a request body as UTF-8 text, at most <see cref="ControlConfig.MaxRequestBodyBytes"/> (413 beyond).</summary>
internal static class RequestBody
{
    public static async Task<(string? Text, ControlResult? Error)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > ControlConfig.MaxRequestBodyBytes)
        {
            return (null, TooLarge(request.ContentLength.Value));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > ControlConfig.MaxRequestBodyBytes)
                {
                    return (null, TooLarge(null));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(null));
        }

        try
        {
            return (new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (null, ControlResult.Fail(400, "The request body is not UTF-8 text.", "$"));
        }
    }

    private static ControlResult TooLarge(long? length)
        => ControlResult.Fail(413, $"The request body{(length is { } n ? $" has {n} bytes; it" : string.Empty)} must be at most {ControlConfig.MaxRequestBodyBytes} bytes.", "$");
}
