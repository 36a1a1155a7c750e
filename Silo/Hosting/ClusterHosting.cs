using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Silo.Hosting;

/// <summary>Cluster mode: this process is one silo of a cluster whose membership, state and history live in PostgreSQL.</summary>
public static class ClusterHosting
{
    /// <summary>Configuration section bound to Orleans' <c>ClusterMembershipOptions</c> (failure detection).</summary>
    public const string MembershipSection = "OrleansCron:Cluster:Membership";

    /// <summary>Runs a cluster silo configured from <see cref="ClusterSettings"/>.</summary>
    public static IHostApplicationBuilder AddOrleansCronClusterSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ClusterSettings.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = settings.ServiceId;
                options.ClusterId = settings.ClusterId;
            });
            // A dead silo's schedules wait for the cluster to declare it dead: probe faster than Orleans' default
            // (5 s), so that a kill -9 is detected in seconds. OrleansCron:Cluster:Membership overrides any of it.
            silo.Configure<ClusterMembershipOptions>(options => options.ProbeTimeout = TimeSpan.FromSeconds(2));
            silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(MembershipSection));
            silo.UseOrleansCronPostgresClustering(settings.ConnectionString);
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.AddOrleansCron(builder.Configuration);
        });
        return builder;
    }

    /// <summary>The silo this process runs: a cluster silo in cluster mode, else a standalone one.</summary>
    public static IHostApplicationBuilder AddOrleansCronSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return ClusterSettings.IsClusterMode(builder.Configuration)
            ? builder.AddOrleansCronClusterSilo()
            : builder.AddOrleansCronStandalone();
    }
}
