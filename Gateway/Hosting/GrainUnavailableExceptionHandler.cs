using Microsoft.AspNetCore.Diagnostics;

namespace OrleansCron.Gateway.Hosting;

/// <summary>
/// Turns "the silo cannot answer right now" (a grain call timed out, the silo is gone or refusing messages) into
/// 503 with Retry-After, which clients may retry, and a malformed request into its 4xx; anything else stays a 500.
/// </summary>
internal sealed partial class GrainUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<GrainUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title;
        switch (exception)
        {
            case BadHttpRequestException bad:
                status = bad.StatusCode;
                title = "Bad request";
                break;
            case TimeoutException or SiloUnavailableException or OrleansMessageRejectionException:
                status = StatusCodes.Status503ServiceUnavailable;
                title = "Service unavailable";
                httpContext.Response.Headers.RetryAfter = "1";
                LogUnavailable(logger, httpContext.Request.Path, exception);
                break;
            default:
                return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = status == StatusCodes.Status503ServiceUnavailable ? "The scheduler did not answer in time; retry shortly." : exception.Message },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {Path} failed: the silo is unavailable")]
    private static partial void LogUnavailable(ILogger logger, string path, Exception exception);
}
