using System.Net;
using System.Net.Sockets;

namespace OrleansCron.Bench.Processes;

/// <summary>Free TCP ports on 127.0.0.1 for the processes the driver starts.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// <paramref name="count"/> distinct free ports. Each is held until all are picked, so the kernel cannot hand
    /// the same one out twice; they are released before the caller's processes bind them.
    /// </summary>
    public static int[] Free(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }
}
