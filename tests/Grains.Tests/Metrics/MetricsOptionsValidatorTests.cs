using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansCron.Metrics;

namespace OrleansCron.Tests.Metrics;

public class MetricsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_FlushIntervalOutOfRange_FailsNamingTheField()
    {
        var options = new MetricsOptions { FlushInterval = TimeSpan.Zero };

        var result = new MetricsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(MetricsOptions.FlushInterval), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BatchLargerThanBuffer_Fails()
    {
        var options = new MetricsOptions { MaxBufferedOutcomes = 10, MaxBatchSize = 11 };

        var result = new MetricsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(nameof(MetricsOptions.MaxBatchSize), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOrleansCronMetrics_Section_BindsOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OrleansCron:Metrics:MaxBatchSize"] = "250" })
            .Build();
        using var services = new ServiceCollection().AddOrleansCronMetrics(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<MetricsOptions>>().Value;

        Assert.Equal(250, options.MaxBatchSize);
        Assert.Equal(MetricsDefaults.FlushInterval, options.FlushInterval);
    }

    [Fact]
    public void AddOrleansCronMetrics_InvalidSection_ThrowsOnResolve()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OrleansCron:Metrics:FlushInterval"] = "00:30:00" })
            .Build();
        using var services = new ServiceCollection().AddOrleansCronMetrics(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MetricsOptions>>().Value);
    }
}
