using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Hosting;

public sealed class ProgramHostTests
{
    [Fact]
    public void Options_ByDefault_WatchNoSettingsFile()
    {
        var sources = JsonSources(WebApplication.CreateSlimBuilder(ProgramHost.Options([])));

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched"));
    }

    [Fact]
    public void Options_WhenTheCommandLineAsksForIt_WatchTheSettingsFiles()
    {
        var sources = JsonSources(WebApplication.CreateSlimBuilder(ProgramHost.Options([$"--{ProgramHost.ReloadConfigOnChangeKey}=true"])));

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(source.ReloadOnChange, $"{source.Path} is not watched"));
    }

    [Fact]
    public void Options_ReadSettingsFromBesideTheBinary_AndKeepTheArguments()
    {
        var builder = WebApplication.CreateSlimBuilder(ProgramHost.Options(["--OrleansCron:DataDirectory=/somewhere"]));

        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(builder.Environment.ContentRootPath));
        Assert.Equal("/somewhere", builder.Configuration["OrleansCron:DataDirectory"]);
    }

    private static JsonConfigurationSource[] JsonSources(WebApplicationBuilder builder) =>
        ((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>().ToArray();
}
