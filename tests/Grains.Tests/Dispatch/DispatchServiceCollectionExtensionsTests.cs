using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed class DispatchServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddOrleansCronDispatch_WithSection_BindsOptionsAndSharesOneDispatcher()
    {
        var configuration = Configuration(("MaxConcurrency", "8"), ("AllowPrivateNetworks", "true"));
        var reporter = new CollectingReporter();
        var services = new ServiceCollection().AddLogging().AddSingleton<IAttemptReporter>(reporter);

        services.AddOrleansCronDispatch(configuration).AddOrleansCronDispatch(configuration);
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DispatchOptions>>().Value;
        Assert.Equal(8, options.MaxConcurrency);
        Assert.True(options.AllowPrivateNetworks);
        Assert.Equal(DispatchDefaults.MaxConnectionsPerServer, options.MaxConnectionsPerServer);
        Assert.Same(provider.GetRequiredService<HttpDispatcher>(), provider.GetRequiredService<IDispatcher>());
        Assert.Same(reporter, provider.GetRequiredService<IAttemptReporter>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IDispatcher));
    }

    [Fact]
    public void AddOrleansCronDispatch_WithoutReporter_UsesGrainReporter()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddOrleansCronDispatch(Configuration());

        var descriptor = Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IAttemptReporter));
        Assert.Equal(typeof(GrainAttemptReporter), descriptor.ImplementationType);
    }

    [Theory]
    [InlineData("MaxConcurrency", "0")]
    [InlineData("MaxConnectionsPerServer", "0")]
    [InlineData("ResponseBodyCaptureBytes", "-1")]
    [InlineData("MaxResponseBytes", "-1")]
    [InlineData("PooledConnectionLifetimeSeconds", "0")]
    public async Task AddOrleansCronDispatch_OutOfRange_FailsValidation(string key, string value)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOrleansCronDispatch(Configuration((key, value)));
        await using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DispatchOptions>>().Value);

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting =>
                new KeyValuePair<string, string?>($"{DispatchDefaults.SectionName}:{setting.Key}", setting.Value)))
            .Build();
}
