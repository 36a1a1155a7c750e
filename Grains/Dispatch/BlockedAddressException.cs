using System.Net;

namespace OrleansCron.Dispatch;

/// <summary>Thrown by the connect guard when every address of a host is refused by <see cref="AddressPolicy"/>.</summary>
internal sealed class BlockedAddressException : Exception
{
    public BlockedAddressException()
    {
    }

    public BlockedAddressException(string message)
        : base(message)
    {
    }

    public BlockedAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BlockedAddressException(string host, IPAddress address)
        : base($"Address {address} of {host} is not allowed (private, loopback, link-local or metadata network).")
    {
    }
}
