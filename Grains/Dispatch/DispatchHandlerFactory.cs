using System.Net;
using System.Text;

namespace OrleansCron.Dispatch;

/// <summary>The one <see cref="SocketsHttpHandler"/> all attempts of a silo share.</summary>
internal static class DispatchHandlerFactory
{
    public static SocketsHttpHandler Create(DispatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            // Bounded lifetime so that a target's DNS change is picked up by new connections.
            PooledConnectionLifetime = TimeSpan.FromSeconds(options.PooledConnectionLifetimeSeconds),
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            // A redirect is the target's answer, recorded as is; following it could also leave the guarded address.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            // Header values come from users' templates; send non-ASCII as UTF-8 instead of failing the attempt.
            RequestHeaderEncodingSelector = static (_, _) => Encoding.UTF8,
        };
        if (!options.AllowPrivateNetworks)
        {
            handler.ConnectCallback = GuardedConnector.ConnectAsync;
        }

        return handler;
    }
}
