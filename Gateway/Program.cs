using OrleansCron.Gateway.Apis;
using OrleansCron.Gateway.Hosting;
using OrleansCron.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatewayDefaults();
if (builder.Configuration.CoHostsSilo())
{
    builder.AddOrleansCronStandalone();
}

var app = builder.Build();
app.UseGatewayDefaults();
app.MapOrleansCronApi();
app.Run();

/// <summary>The gateway's entry point (public so that tests can host it with WebApplicationFactory).</summary>
public partial class Program;
