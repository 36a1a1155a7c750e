using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansCron.Silo.Hosting;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Gateway.Hosting;

/// <summary>
/// How the gateway reaches grains: a co-hosted silo (standalone), or, in cluster mode, as an Orleans client that
/// finds the silos through the clustering table. As a client it opens no database connection for data: lists and
/// history go through grains.
/// </summary>
public static class ClusterClientHosting
{
    /// <summary>Connects this gateway to the cluster described by <see cref="ClusterSettings"/>.</summary>
    public static IHostApplicationBuilder AddOrleansCronClusterClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ClusterSettings.From(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = settings.ServiceId;
                options.ClusterId = settings.ClusterId;
            });
            client.UseOrleansCronPostgresClustering(settings.ConnectionString);
            if (DashboardEnabled(builder.Configuration))
            {
                client.AddDashboard();
            }
        });
        return builder;
    }

    /// <summary>Standalone co-hosts a silo; cluster mode connects as a client; with co-hosting off (tests) neither.</summary>
    public static IHostApplicationBuilder AddOrleansCronGrains(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (ClusterSettings.IsClusterMode(builder.Configuration))
        {
            return builder.AddOrleansCronClusterClient();
        }

        return builder.Configuration.CoHostsSilo() ? builder.AddOrleansCronStandalone() : builder;
    }

    /// <summary>Serves the Orleans Dashboard at /dashboard when this gateway talks to real grains. It has no login
    /// of its own: expose it only where the API itself is trusted.</summary>
    public static WebApplication MapOrleansCronDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var realGrains = ClusterSettings.IsClusterMode(app.Configuration) || app.Configuration.CoHostsSilo();
        if (realGrains && DashboardEnabled(app.Configuration))
        {
            app.MapOrleansDashboard("/dashboard");
        }

        return app;
    }

    private static bool DashboardEnabled(IConfiguration configuration) =>
        configuration.GetValue(OrleansCronSiloBuilderExtensions.DashboardEnabledKey, defaultValue: true);
}
