using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Gateway;

namespace OrleansCron.Tests.Api;

/// <summary>The gateway with its grain layer replaced by <see cref="FakeBackend"/>, and no silo: contract and validation tests.</summary>
/// <remarks>The silo assembly, whose internals this project sees, has a top-level <c>Program</c> too, so the gateway is named by <see cref="GatewayAssembly"/>.</remarks>
public sealed class FakeApiFactory : WebApplicationFactory<GatewayAssembly>
{
    /// <summary>2026-03-02 12:00:00 UTC, a Monday.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;

    public FakeApiFactory()
        : this([])
    {
    }

    internal FakeApiFactory(Dictionary<string, string?> settings)
    {
        _settings = settings;
        Backend = new FakeBackend(Time);
    }

    public FakeTimeProvider Time { get; } = new(Now);

    internal FakeBackend Backend { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OrleansCron:Hosting:CoHostSilo", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IGrainFactory>(new FakeGrainFactory(Backend));
        });
    }
}
