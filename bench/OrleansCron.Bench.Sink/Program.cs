using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrleansCron.Bench.Sink;

// The recording sink: answers every request 200 at once and notes when it arrived. /_bench/records hands the
// notes to the driver; anything else is a fire. It prints its address so the driver can find it.
// Its settings come from beside the binary and are not watched: started in the run's directory, a watched content root
// would watch the service's data directory below it, and every SQLite write of the service would wake the sink (and
// cost the service the kernel's notification work: ~8 % of its CPU in a burst, measured).
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
    ContentRootPath = AppContext.BaseDirectory,
});
builder.WebHost.UseUrls(args.Length > 0 ? args[0] : "http://127.0.0.1:0");
builder.Logging.ClearProviders();
var app = builder.Build();
var store = new RecordStore();

app.MapGet("/_bench/records", (HttpContext context) =>
{
    // "after": how many records (of every source) the caller already holds; "total" tells it where to go on from.
    var records = store.Snapshot();
    var after = int.TryParse(context.Request.Query["after"].FirstOrDefault(), CultureInfo.InvariantCulture, out var n) ? n : 0;
    context.Response.ContentType = "text/tab-separated-values";
    context.Response.Headers["X-Records-Total"] = records.Length.ToString(CultureInfo.InvariantCulture);
    return RecordStore.WriteAsync(context.Response.Body, records, after, context.Request.Query["source"].FirstOrDefault(), context.RequestAborted);
});
app.MapGet("/_bench/count", () => store.Count.ToString(CultureInfo.InvariantCulture));
app.MapPost("/_bench/clear", () =>
{
    store.Clear();
    return Results.NoContent();
});
app.MapFallback(context =>
{
    // The arrival instant is taken first, before anything else in the request is looked at.
    var arrived = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    var headers = context.Request.Headers;
    var scheduled = DateTimeOffset.TryParse(
        headers["OrleansCron-Scheduled-At"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        ? at.ToUnixTimeMilliseconds()
        : -1;
    store.Add(new SinkRecord(
        context.Request.Path.Value?.Trim('/') ?? "",
        headers["Idempotency-Key"].ToString(),
        headers["OrleansCron-Schedule-Id"].ToString(),
        scheduled,
        arrived));
    context.Response.StatusCode = StatusCodes.Status200OK;
    return Task.CompletedTask;
});

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"SINK {address}");
await app.WaitForShutdownAsync();
