namespace OrleansCron.Bench.Processes;

/// <summary>Polls a process's <c>/health/ready</c> until it answers 2xx.</summary>
public static class HealthProbe
{
    /// <summary>Returns once <paramref name="baseAddress"/> is ready; throws, with the process's output, when it exits or time runs out.</summary>
    public static async Task WaitUntilReadyAsync(Uri baseAddress, ChildProcess process, string name, TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {name} exited:\n{process.Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The {name} was not ready within {timeout.TotalSeconds:0} s:\n{process.Output}");
    }
}
