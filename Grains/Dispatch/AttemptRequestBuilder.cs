using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace OrleansCron.Dispatch;

/// <summary>Builds the HTTP request of one attempt from its target, rendering template variables.</summary>
internal static class AttemptRequestBuilder
{
    /// <summary>Builds the request; throws <see cref="InvalidTargetException"/> when the target cannot be sent.</summary>
    public static HttpRequestMessage Build(DispatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.Target;
        if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidTargetException($"The URL '{target.Url}' is not an absolute http or https URL.");
        }

        var message = new HttpRequestMessage(ParseMethod(target.Method), url);
        try
        {
            var values = TemplateValues.From(request);
            if (!string.IsNullOrEmpty(target.BodyTemplate))
            {
                var body = TemplateRenderer.Render(target.BodyTemplate, values);
                message.Content = new StringContent(body, Encoding.UTF8, DefaultMediaType(body));
            }

            foreach (var (name, value) in target.Headers)
            {
                AddTargetHeader(message, name, TemplateRenderer.Render(value, values));
            }

            AddDispatchHeaders(message.Headers, request);
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static HttpMethod ParseMethod(string method)
    {
        try
        {
            return HttpMethod.Parse(method);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            throw new InvalidTargetException($"The method '{method}' is not a valid HTTP method.", exception);
        }
    }

    private static string DefaultMediaType(string body)
    {
        var start = body.AsSpan().TrimStart();
        return start.Length > 0 && start[0] is '{' or '[' ? "application/json" : "text/plain";
    }

    private static void AddTargetHeader(HttpRequestMessage message, string name, string value)
    {
        // Lengths and framing are the client's business; our own headers are set below and win.
        if (DispatchHeaders.IsReserved(name)
            || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
            || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (IsContentHeader(name))
        {
            // Without a body there is nothing to describe; a content header alone is dropped.
            if (message.Content is { } content)
            {
                content.Headers.Remove(name);
                content.Headers.TryAddWithoutValidation(name, value);
            }

            return;
        }

        message.Headers.TryAddWithoutValidation(name, value);
    }

    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Allow", StringComparison.OrdinalIgnoreCase);

    private static void AddDispatchHeaders(HttpRequestHeaders headers, DispatchRequest request)
    {
        var occurrence = request.Occurrence.ToString(CultureInfo.InvariantCulture);
        headers.TryAddWithoutValidation(DispatchHeaders.IdempotencyKey, $"{request.ScheduleId}:{occurrence}");
        headers.TryAddWithoutValidation(DispatchHeaders.ScheduleId, request.ScheduleId);
        headers.TryAddWithoutValidation(DispatchHeaders.RunId, request.RunId);
        headers.TryAddWithoutValidation(DispatchHeaders.Occurrence, occurrence);
        headers.TryAddWithoutValidation(DispatchHeaders.ScheduledAt, TemplateRenderer.FormatInstant(request.ScheduledAt));
        headers.TryAddWithoutValidation(DispatchHeaders.Attempt, request.Attempt.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(DispatchHeaders.UserAgent, DispatchDefaults.UserAgent);
    }
}
