using System.Net;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed class AddressPolicyTests
{
    [Theory]
    // Loopback and unspecified
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("::")]
    // Private
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    // Link-local and metadata
    [InlineData("169.254.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.170.2")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("168.63.129.16")]
    [InlineData("100.100.100.200")]
    // CGNAT
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    // Multicast, reserved, broadcast
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("ff02::1")]
    // Inner IPv4 carried in IPv6
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:c0a8:0101::1")]
    public void IsAllowed_InnerAddress_IsRefused(string address)
    {
        var ip = IPAddress.Parse(address);

        var allowed = AddressPolicy.IsAllowed(ip, allowPrivate: false);

        Assert.False(allowed);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:0808:0808::1")]
    public void IsAllowed_PublicAddress_IsAllowed(string address)
    {
        var ip = IPAddress.Parse(address);

        var allowed = AddressPolicy.IsAllowed(ip, allowPrivate: false);

        Assert.True(allowed);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    public void IsAllowed_InnerAddressWhenPrivateAllowed_IsAllowed(string address)
    {
        var ip = IPAddress.Parse(address);

        var allowed = AddressPolicy.IsAllowed(ip, allowPrivate: true);

        Assert.True(allowed);
    }
}
