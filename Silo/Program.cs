using Microsoft.Extensions.Hosting;
using OrleansCron.Silo.Hosting;

// A silo without the REST API. Today it runs the standalone configuration (localhost clustering, SQLite
// under the data directory); cluster mode on PostgreSQL arrives with its own hosting.
var builder = Host.CreateApplicationBuilder(args);
builder.AddOrleansCronStandalone();
await builder.Build().RunAsync();
