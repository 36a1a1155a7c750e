using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OrleansCron.Dispatch;

/// <summary>
/// Which addresses an outbound attempt may connect to. Checked on the resolved address at connect time,
/// so a name that resolves to an inner address (DNS rebinding included) does not get through.
/// </summary>
internal static class AddressPolicy
{
    /// <summary>Cloud metadata services that sit on public-looking addresses (the link-local ones are covered by range).</summary>
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("168.63.129.16"), // Azure wire server
    ];

    /// <summary>True when a connection to <paramref name="address"/> is allowed.</summary>
    /// <param name="address">The resolved address.</param>
    /// <param name="allowPrivate">The operator allows inner networks (standalone on a laptop).</param>
    public static bool IsAllowed(IPAddress address, bool allowPrivate)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (allowPrivate)
        {
            return true;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        return IsPublicV4(value) && !MetadataAddresses.Contains(address);
    }

    private static bool IsPublicV4(uint value) =>
        !(InV4(value, 0x00000000, 8)        // 0.0.0.0/8: this network, unspecified
          || InV4(value, 0x0A000000, 8)     // 10/8
          || InV4(value, 0x64400000, 10)    // 100.64/10: CGNAT (also Alibaba's metadata service)
          || InV4(value, 0x7F000000, 8)     // 127/8: loopback
          || InV4(value, 0xA9FE0000, 16)    // 169.254/16: link-local, AWS/GCP/Azure metadata
          || InV4(value, 0xAC100000, 12)    // 172.16/12
          || InV4(value, 0xC0000000, 24)    // 192.0.0/24: IETF protocol assignments
          || InV4(value, 0xC0A80000, 16)    // 192.168/16
          || InV4(value, 0xC6120000, 15)    // 198.18/15: benchmarking
          || InV4(value, 0xE0000000, 4)     // 224/4: multicast
          || InV4(value, 0xF0000000, 4));   // 240/4: reserved, broadcast

    private static bool InV4(uint value, uint network, int prefixLength) =>
        (value & (uint.MaxValue << (32 - prefixLength))) == network;

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4());
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);

        // ::/96 holds :: (unspecified), ::1 (loopback) and the deprecated IPv4-compatible addresses.
        if (high == 0 && (low >> 32) == 0)
        {
            return false;
        }

        // Addresses that carry an IPv4 address inside: judge the inner one.
        if (high == 0x0064_FF9B_0000_0000 && (low >> 32) == 0)
        {
            return IsPublicV4((uint)low); // 64:ff9b::/96, NAT64
        }

        if ((high >> 48) == 0x2002)
        {
            return IsPublicV4((uint)(high >> 16)); // 2002::/16, 6to4
        }

        return !(InV6(high, 0xFC00_0000_0000_0000, 7)       // fc00::/7: unique local (AWS metadata fd00:ec2::254)
                 || InV6(high, 0xFE80_0000_0000_0000, 10)   // fe80::/10: link-local
                 || InV6(high, 0xFEC0_0000_0000_0000, 10)   // fec0::/10: deprecated site-local
                 || InV6(high, 0xFF00_0000_0000_0000, 8)    // ff00::/8: multicast
                 || (high == 0x0100_0000_0000_0000));        // 100::/64: discard-only
    }

    private static bool InV6(ulong high, ulong network, int prefixLength) =>
        (high & (ulong.MaxValue << (64 - prefixLength))) == network;
}
