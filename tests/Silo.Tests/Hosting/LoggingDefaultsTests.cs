using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Hosting;

public sealed class LoggingDefaultsTests
{
    [Theory]
    [InlineData("OrleansCron.Scheduling.WakeSweep", LogLevel.Information, true)]
    [InlineData("OrleansCron.Scheduling.ScheduleGrain", LogLevel.Debug, false)]
    [InlineData("Orleans.Runtime.Silo", LogLevel.Information, false)]
    [InlineData("Orleans.Runtime.Silo", LogLevel.Warning, true)]
    [InlineData("Npgsql.Command", LogLevel.Information, false)]
    [InlineData("Npgsql.Command", LogLevel.Warning, true)]
    [InlineData("Microsoft.Hosting.Lifetime", LogLevel.Information, true)]
    public void Defaults_KeepOurEventsAndQuietTheChattyLibraries(string category, LogLevel level, bool enabled)
    {
        using var host = Build();

        Assert.Equal(enabled, Logger(host, category).IsEnabled(level));
    }

    [Fact]
    public void Defaults_GiveWayToConfiguration()
    {
        using var host = Build("--Logging:LogLevel:Npgsql=Information", "--Logging:LogLevel:OrleansCron=Warning");

        Assert.True(Logger(host, "Npgsql.Command").IsEnabled(LogLevel.Information));
        Assert.False(Logger(host, "OrleansCron.Scheduling.WakeSweep").IsEnabled(LogLevel.Information));
    }

    private static IHost Build(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddOrleansCronLoggingDefaults();
        return builder.Build();
    }

    private static ILogger Logger(IHost host, string category) =>
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
}
