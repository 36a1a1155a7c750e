using OrleansCron.Gateway.Apis;
using OrleansCron.Gateway.Hosting;
using OrleansCron.Silo.Hosting;

// Settings ship beside the binary, wherever it is started from; the data directory stays relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
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
