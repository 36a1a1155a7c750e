using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using OrleansCron.Silo.Hosting;

// A silo without the REST API: in cluster mode (OrleansCron:Mode=cluster) one node of a PostgreSQL-backed cluster,
// otherwise a standalone silo on SQLite. It serves /health/live and /health/ready on http://localhost:8081 unless
// Urls says otherwise.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (string.IsNullOrEmpty(builder.Configuration["Urls"]))
{
    builder.WebHost.UseUrls("http://localhost:8081");
}

builder.AddOrleansCronSilo();
var app = builder.Build();
app.MapSiloHealth();
await app.RunAsync();
