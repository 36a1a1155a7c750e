using Microsoft.AspNetCore.Builder;

namespace OrleansCron.Silo.Hosting;

/// <summary>How the gateway and the silo programs build their hosts.</summary>
public static class ProgramHost
{
    /// <summary>The configuration key that turns the watch of the settings files on again.</summary>
    public const string ReloadConfigOnChangeKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// Settings are read from beside the binary, wherever the process is started from (the data directory stays
    /// relative to the working directory), and the settings files are not watched for changes unless
    /// <c>--hostBuilder:reloadConfigOnChange=true</c> is given.
    /// </summary>
    /// <remarks>
    /// A watched settings file puts an inotify watch on its directory <em>and every directory below it</em>. Where the
    /// data directory lies under the binary's (the container image: /app and /app/data), each write to the SQLite file
    /// and its WAL became an event that the kernel queued and the process woke to read and throw away: measured in
    /// the benchmark as ~8 % of the service's CPU in bursts, spent in the kernel's notification path under SQLite's
    /// writes. Settings that change at run time come from the environment or the command line, read at start.
    /// </remarks>
    public static WebApplicationOptions Options(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // First, so that the same key given on the command line wins.
        return new WebApplicationOptions { Args = [$"--{ReloadConfigOnChangeKey}=false", .. args], ContentRootPath = AppContext.BaseDirectory };
    }
}
