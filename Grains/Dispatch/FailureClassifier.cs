using System.Net.Sockets;
using System.Security.Authentication;
using OrleansCron.Runs;

namespace OrleansCron.Dispatch;

/// <summary>Turns what <see cref="HttpClient"/> threw into an <see cref="ErrorClass"/> and a short message.</summary>
internal static class FailureClassifier
{
    public const int MaxMessageLength = 256;

    public static AttemptFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errorClass = ClassOf(exception);
        return new AttemptFailure(errorClass, MessageOf(exception, errorClass));
    }

    /// <summary>Cuts <paramref name="message"/> to <see cref="MaxMessageLength"/> characters.</summary>
    public static string Shorten(string message) =>
        message.Length <= MaxMessageLength ? message : string.Concat(message.AsSpan(0, MaxMessageLength - 1), "…");

    private static ErrorClass ClassOf(Exception exception)
    {
        // HttpClient wraps the real cause (a socket, TLS or connect-guard error): the chain decides first.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case BlockedAddressException:
                    return ErrorClass.Blocked;
                case AuthenticationException:
                    return ErrorClass.Tls;
                case SocketException socket when IsNameResolution(socket.SocketErrorCode):
                    return ErrorClass.Dns;
                case SocketException:
                    return ErrorClass.Connection;
            }
        }

        var error = exception switch
        {
            HttpRequestException request => request.HttpRequestError,
            HttpIOException io => io.HttpRequestError,
            _ => HttpRequestError.Unknown,
        };
        return error switch
        {
            HttpRequestError.NameResolutionError => ErrorClass.Dns,
            HttpRequestError.ConnectionError => ErrorClass.Connection,
            // The peer closed the connection before the response was complete: a cut connection.
            HttpRequestError.ResponseEnded => ErrorClass.Connection,
            HttpRequestError.SecureConnectionError => ErrorClass.Tls,
            _ => ErrorClass.Unknown,
        };
    }

    private static bool IsNameResolution(SocketError error) =>
        error is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData;

    private static string MessageOf(Exception exception, ErrorClass errorClass)
    {
        // The blocked reason sits inside HttpClient's generic wrapper; surface the one that names the address.
        var source = exception;
        if (errorClass == ErrorClass.Blocked)
        {
            while (source is not BlockedAddressException && source.InnerException is not null)
            {
                source = source.InnerException;
            }
        }

        var message = source.Message;
        if (source.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal))
        {
            message = $"{message} {inner.Message}";
        }

        return Shorten(message);
    }
}
