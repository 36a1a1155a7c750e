using System.Globalization;

namespace OrleansCron.Bench.Processes;

/// <summary>The recording sink as its own process on loopback; records are fetched over HTTP.</summary>
public sealed class SinkHost : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _client;

    private SinkHost(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<SinkHost> StartAsync(string workingDirectory)
    {
        var process = ChildProcess.Start(BenchPaths.Sink, ["http://127.0.0.1:0"], workingDirectory);
        try
        {
            var line = await process.WaitForLineAsync("SINK ", TimeSpan.FromSeconds(60));
            return new SinkHost(process, new Uri(line["SINK ".Length..].Trim()));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        int.Parse(await _client.GetStringAsync("/_bench/count", cancellationToken), CultureInfo.InvariantCulture);

    public async Task<List<SinkRecord>> FetchAsync(string source, CancellationToken cancellationToken = default)
    {
        var records = new List<SinkRecord>();
        await using var stream = await _client.GetStreamAsync($"/_bench/records?source={source}", cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var f = line.Split('\t');
            if (f.Length == 5)
            {
                records.Add(new SinkRecord(
                    f[0], f[1], f[2], long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture)));
            }
        }

        return records;
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _client.PostAsync("/_bench/clear", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        await _process.DisposeAsync();
    }
}
