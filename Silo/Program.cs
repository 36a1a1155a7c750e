using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Silo;

/// <summary>
/// A silo without the REST API: in cluster mode (OrleansCron:Mode=cluster) one node of a PostgreSQL-backed cluster,
/// otherwise a standalone silo on SQLite. It serves /health/live and /health/ready on http://localhost:8081 unless
/// Urls says otherwise. (An explicit Main: a top-level program would add a second public <c>Program</c> type next to
/// the gateway's, which the gateway's OpenAPI document generator cannot tell apart.)
/// </summary>
internal static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(ProgramHost.Options(args));
        if (string.IsNullOrEmpty(builder.Configuration["Urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:8081");
        }

        builder.AddOrleansCronLoggingDefaults();
        builder.AddOrleansCronSilo();
        var app = builder.Build();
        app.MapSiloHealth();
        await app.RunAsync();
    }
}
