using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OrleansCron.Dispatch;
using OrleansCron.History;
using OrleansCron.Metrics;
using OrleansCron.Scheduling;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Silo.Hosting;

/// <summary>Wires OrleansCron's grains and silo services into a silo, whatever the mode.</summary>
public static class OrleansCronSiloBuilderExtensions
{
    /// <summary>The ServiceId every deployment keeps: grain state and reminder rows are keyed by it.</summary>
    public const string DefaultServiceId = "orleanscron";

    /// <summary>Configuration key: false leaves the Orleans Dashboard out (it adds a profiling filter to every grain call).</summary>
    public const string DashboardEnabledKey = "OrleansCron:Dashboard:Enabled";

    /// <summary>Configuration key: seconds between the dashboard's counter samples (default
    /// <see cref="DefaultDashboardCounterSeconds"/>, at least 1).</summary>
    public const string DashboardCounterSecondsKey = "OrleansCron:Dashboard:CounterSeconds";

    /// <summary>
    /// Each counter sample has Orleans count its activations and its directory cache, which costs time in proportion
    /// to the schedules a silo holds: sampled every second (the dashboard's own default), that was 3.7 % of the CPU at
    /// 10,000 schedules and 1,000 fires/s, measured, and grows with the schedules. Every 5 s it is a fifth of that, and
    /// the dashboard's 100 samples of history cover eight minutes. The dashboard's OpenTelemetry reader, which observes
    /// the same gauges, is set to the same interval (see <see cref="DashboardExportInterval"/>).
    /// </summary>
    public const int DefaultDashboardCounterSeconds = 5;

    /// <summary>Configuration key: false leaves the garbage collector's default latency mode (see <see cref="GcLatency"/>).</summary>
    public const string GcSustainedLowLatencyKey = "OrleansCron:Gc:SustainedLowLatency";

    /// <summary>Configuration key: in sustained low latency, the longest spell in seconds without a gen2 collection
    /// before one is started in the background; 0 turns that off (see <see cref="GcLatency"/>).</summary>
    public const string GcBackgroundCollectionSecondsKey = "OrleansCron:Gc:BackgroundCollectionSeconds";

    /// <summary>The database file under the data directory in standalone mode.</summary>
    public const string DatabaseFileName = "orleanscron.db";

    /// <summary>Adds OrleansCron to the silo: storage, reminders, the firing engine, dispatch, metrics and
    /// history retention, configured from <c>OrleansCron</c>. Idempotent.</summary>
    public static ISiloBuilder AddOrleansCron(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(OrleansCronMarker)))
        {
            return builder;
        }

        services.AddSingleton<OrleansCronMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        services.AddOptions<HistoryOptions>().Bind(configuration.GetSection(HistoryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HistoryOptions>, HistoryOptionsValidator>();
        services.TryAddSingleton<IJitterSource>(SystemJitterSource.Instance);
        services.AddSingleton<ClaimOwnership>();
        services.AddSingleton<FiringServices>();
        services.AddSingleton<FiringGate>();
        services.AddSingleton<CompletionPacer>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, WakeSweep>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, GracefulDrain>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, GcLatency>();
        services.AddHostedService<RunRetentionService>();
        services.AddOrleansCronDispatch(configuration);
        services.AddOrleansCronMetrics(configuration);

        // A reminder period under Orleans' one-minute floor is allowed when configured (tests, small setups).
        var reminderPeriod = configuration.GetSection(SchedulingOptions.Section).GetValue<TimeSpan?>(nameof(SchedulingOptions.ReminderPeriod));
        if (reminderPeriod is { } period && period < TimeSpan.FromMinutes(1))
        {
            services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = period);
        }

        if (ClusterSettings.IsClusterMode(configuration))
        {
            builder.UseOrleansCronPostgres(ClusterSettings.From(configuration).ConnectionString);
        }
        else
        {
            builder.UseOrleansCronSqlite(Path.Combine(DataDirectory(configuration), DatabaseFileName));
        }

        if (configuration.GetValue(DashboardEnabledKey, defaultValue: true))
        {
            var seconds = Math.Max(1, configuration.GetValue(DashboardCounterSecondsKey, DefaultDashboardCounterSeconds));
            builder.AddDashboard(options => options.CounterUpdateIntervalMs = seconds * 1000);
            DashboardExportInterval.TrySet(builder.Services, seconds * 1000);
            DashboardProfilerFilter.TryWrap(builder.Services);
        }

        return builder;
    }

    /// <summary>The standalone data directory (<c>OrleansCron:DataDirectory</c>, default <c>./data</c>), created if missing.</summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        var directory = Path.GetFullPath(configuration["OrleansCron:DataDirectory"] is { Length: > 0 } configured ? configured : "data");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private sealed class OrleansCronMarker;
}
