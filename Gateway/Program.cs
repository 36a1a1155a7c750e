using OrleansCron.Gateway.Apis;
using OrleansCron.Gateway.Hosting;
using OrleansCron.Silo.Hosting;

var builder = WebApplication.CreateBuilder(ProgramHost.Options(args));
builder.AddOrleansCronLoggingDefaults();
builder.AddGatewayDefaults();
builder.AddOrleansCronGrains();

var app = builder.Build();
app.UseGatewayDefaults();
app.MapOrleansCronApi();
app.MapOrleansCronDashboard();
app.Run();

/// <summary>The gateway's entry point (public so that tests can host it with WebApplicationFactory).</summary>
public partial class Program;
