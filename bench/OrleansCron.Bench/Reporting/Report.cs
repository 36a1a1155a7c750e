using System.Globalization;
using System.Text.Json;
using OrleansCron.Bench.Analysis;
using OrleansCron.Bench.Scenarios;

namespace OrleansCron.Bench.Reporting;

/// <summary>Prints a result for people (a table and the ratios to the floor) and appends it as a JSON line.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Print(ScenarioResult result, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"== scenario {result.Scenario} — {result.Mode} — {result.Parameters}");
        if (result.Creation is { } c)
        {
            output.WriteLine(F($"creation: {c.Schedules} schedules in {c.Seconds:0.0} s ({c.PerSecond:0}/s), POST p50 {c.P50Ms:0.0} ms, p99 {c.P99Ms:0.0} ms, max {c.MaxMs:0} ms"));
        }

        if (result.Service is not null)
        {
            // Only where the database has processes of its own (cluster mode's PostgreSQL) is its CPU a column.
            var database = result.Service.DatabaseCpuSeconds is not null;
            output.WriteLine($"side     | schedules | expected | observed | missed | repeated | unexpected | p50 ms | p99 ms | p99.9 ms | max ms | last ms | fires/s | cpu s/1k |{(database ? " db cpu s/1k |" : "")} peak RSS MB | rows/s");
            Row(result.Service, database, output);
            if (result.Floor is { } floor)
            {
                Row(floor, database, output);
                var s = result.Service;
                output.WriteLine(F($"ratio to floor: p50 {Ratio(s.P50Ms, floor.P50Ms)}, p99 {Ratio(s.P99Ms, floor.P99Ms)}, p99.9 {Ratio(s.P999Ms, floor.P999Ms)}, max {Ratio(s.MaxMs, floor.MaxMs)}, last arrival {Ratio(s.LastArrivalMs, floor.LastArrivalMs)}, cpu/1k {Ratio(s.CpuPer1000, floor.CpuPer1000)}"));
            }
        }

        foreach (var (name, value) in result.Extra)
        {
            output.WriteLine($"{name}: {value}");
        }
    }

    public static void Append(ScenarioResult result, string path)
    {
        var line = JsonSerializer.Serialize(
            new { result.Scenario, result.Mode, result.Parameters, result.RanAt, result.Creation, result.Service, result.Floor, result.Extra, Machine = Machine() },
            Json);
        File.AppendAllText(path, line + "\n");
    }

    private static void Row(FireFigures f, bool database, TextWriter output) => output.WriteLine(F(
        $"{f.Side,-8} | {f.Schedules,9} | {f.Expected,8} | {f.Observed,8} | {f.Missed,6} | {f.Repeated,8} | {f.Unexpected,10} | {f.P50Ms,6:0.0} | {f.P99Ms,6:0.0} | {f.P999Ms,8:0.0} | {f.MaxMs,6:0} | {f.LastArrivalMs,7:0} | {f.FiresPerSecond,7:0} | {f.CpuPer1000,8:0.000} |{(database ? F($" {Optional(f.DatabaseCpuPer1000, "0.000"),11} |") : "")} {f.PeakRssBytes / 1048576.0,11:0} | {Optional(f.RowsPerSecond, "0"),6}"));

    private static string Optional(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double ours, double floor) => floor <= 0 ? "-" : (ours / floor).ToString("0.0x", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Machine() => F($"{Environment.ProcessorCount} cpus, {Environment.OSVersion}");
}
