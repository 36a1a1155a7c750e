using System.Net;
using System.Net.Sockets;

namespace OrleansCron.Dispatch;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and connects only to
/// addresses <see cref="AddressPolicy"/> allows. Checking the address actually dialled (not the URL) is what
/// stops DNS rebinding and names that point inside.
/// </summary>
internal static class GuardedConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);

        var allowed = Array.FindAll(addresses, address => AddressPolicy.IsAllowed(address, allowPrivate: false));
        if (allowed.Length == 0)
        {
            throw addresses.Length == 0
                ? new SocketException((int)SocketError.HostNotFound)
                : new BlockedAddressException(endPoint.Host, addresses[0]);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
