using OrleansCron.Bench.Processes;

namespace OrleansCron.Bench.Tests;

/// <summary>A child's output is kept for the run's report and, when asked, in a file that outlives the run.</summary>
public sealed class ChildProcessTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("oc-child-process-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Output_AlsoGoesToTheLogFile_AndARestartAppendsToIt()
    {
        var log = Path.Combine(_directory.FullName, "child.log");
        var outputs = new List<string>();

        // `dotnet --version` is the smallest .NET program at hand: it prints the SDK's version and exits.
        for (var run = 0; run < 2; run++)
        {
            await using var child = ChildProcess.Start("--version", [], _directory.FullName, logPath: log);
            Assert.True(await child.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            outputs.Add(child.Output);
        }

        Assert.All(outputs, output => Assert.Matches(@"^\d+\.\d+\.\d+", output));
        Assert.Equal(string.Concat(outputs), await File.ReadAllTextAsync(log));
    }
}
