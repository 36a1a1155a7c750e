using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using OrleansCron.Dispatch;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

public sealed class FailureClassifierTests
{
    public static TheoryData<Exception, ErrorClass> Cases => new()
    {
        // Name resolution
        { new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"), ErrorClass.Dns },
        { Wrapped(new SocketException((int)SocketError.HostNotFound)), ErrorClass.Dns },
        { Wrapped(new SocketException((int)SocketError.TryAgain)), ErrorClass.Dns },
        { Wrapped(new SocketException((int)SocketError.NoData)), ErrorClass.Dns },
        // Connection
        { Wrapped(new SocketException((int)SocketError.ConnectionRefused)), ErrorClass.Connection },
        { Wrapped(new IOException("read failed", new SocketException((int)SocketError.ConnectionReset))), ErrorClass.Connection },
        { new HttpRequestException(HttpRequestError.ConnectionError, "unreachable"), ErrorClass.Connection },
        { new HttpIOException(HttpRequestError.ResponseEnded, "ended"), ErrorClass.Connection },
        // TLS
        { Wrapped(new AuthenticationException("bad certificate")), ErrorClass.Tls },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "handshake"), ErrorClass.Tls },
        // Our guard
        { Wrapped(new BlockedAddressException("localhost", IPAddress.Loopback)), ErrorClass.Blocked },
        // Anything else
        { new HttpRequestException(HttpRequestError.InvalidResponse, "garbage"), ErrorClass.Unknown },
        { new InvalidOperationException("odd"), ErrorClass.Unknown },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Exception_ReturnsErrorClass(Exception exception, ErrorClass expected)
    {
        var failure = FailureClassifier.Classify(exception);

        Assert.Equal(expected, failure.ErrorClass);
    }

    [Fact]
    public void Classify_Blocked_NamesTheAddress()
    {
        var exception = Wrapped(new BlockedAddressException("localhost", IPAddress.Loopback));

        var failure = FailureClassifier.Classify(exception);

        Assert.StartsWith("Address 127.0.0.1 of localhost is not allowed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_LongMessage_IsCutTo256Characters()
    {
        var exception = new InvalidOperationException(new string('x', 1000));

        var failure = FailureClassifier.Classify(exception);

        Assert.Equal(256, failure.Message.Length);
    }

    private static HttpRequestException Wrapped(Exception inner) =>
        new("An error occurred while sending the request.", inner);
}
