using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Rest;

/// <summary>
/// Reads a request body as UTF-8 text: <c>Content-Type: application/json</c> (or <c>application/*+json</c>, charset
/// UTF-8 when given; 415 otherwise), at most <see cref="ControlConfig.MaxRequestBodyBytes"/> (413 beyond), valid UTF-8.
/// </summary>
internal static class RequestBody
{
    public static async Task<(string? Text, ControlResult? Error)> ReadAsync(HttpRequest request)
    {
        if (UnsupportedMediaType(request.ContentType) is { } unsupported)
        {
            return (null, unsupported);
        }

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

    /// <summary>True when the request carries a body (a length above 0, or a chunked body of unknown length).</summary>
    public static bool HasBody(HttpRequest request)
        => request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>415 unless <paramref name="contentType"/> is JSON in UTF-8.</summary>
    public static ControlResult? UnsupportedMediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return ControlResult.Fail(415, "Content-Type is missing; send the body as application/json.", "Content-Type");
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                 || (media.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))))
        {
            return ControlResult.Fail(415, $"Content-Type '{Shorten(contentType)}' is not supported; send the body as application/json.", "Content-Type");
        }

        return media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !media.Charset.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase)
            ? ControlResult.Fail(415, $"charset '{Shorten(media.Charset.ToString())}' is not supported; the body must be UTF-8.", "Content-Type")
            : null;
    }

    private static string Shorten(string text)
        => new([.. text.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);

    private static ControlResult TooLarge(long? length)
        => ControlResult.Fail(413, $"The request body{(length is { } n ? $" has {n} bytes; it" : string.Empty)} must be at most {ControlConfig.MaxRequestBodyBytes} bytes.", "$");
}
