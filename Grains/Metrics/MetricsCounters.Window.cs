using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.Metrics;

internal sealed partial class MetricsCounters
{
    private static readonly RunStatus[] FinalStatuses = [.. Enum.GetValues<RunStatus>().Where(s => s.IsFinal())];
    private static readonly ErrorClass[] ErrorClasses = Enum.GetValues<ErrorClass>();

    /// <summary>The wire view. Every final status and every error class is listed, zeros included, so that the
    /// shape of the API response does not depend on what happened; a non-final status appears only when counted.</summary>
    public MetricsWindow ToWindow()
    {
        var runs = ImmutableDictionary.CreateBuilder<RunStatus, long>();
        foreach (var status in FinalStatuses)
        {
            runs[status] = RunCount(status);
        }

        for (var i = 0; i < Runs.Length; i++)
        {
            if (Runs[i] != 0)
            {
                runs[(RunStatus)i] = Runs[i];
            }
        }

        var attempts = ImmutableDictionary.CreateBuilder<ErrorClass, long>();
        foreach (var errorClass in ErrorClasses)
        {
            attempts[errorClass] = AttemptCount(errorClass);
        }

        for (var i = 0; i < Attempts.Length; i++)
        {
            if (Attempts[i] != 0)
            {
                attempts[(ErrorClass)i] = Attempts[i];
            }
        }

        return new MetricsWindow(runs.ToImmutable(), attempts.ToImmutable(), SuccessRate(), Summarize(Latency));
    }

    private double? SuccessRate()
    {
        var succeeded = RunCount(RunStatus.Succeeded);
        var sent = succeeded + RunCount(RunStatus.Failed) + RunCount(RunStatus.Interrupted);
        return sent == 0 ? null : (double)succeeded / sent;
    }

    private static LatencySummary Summarize(LatencyHistogram latency) => new(
        latency.Count,
        latency.Mean,
        latency.ValueAtPercentile(50),
        latency.ValueAtPercentile(95),
        latency.ValueAtPercentile(99),
        latency.Max);
}
