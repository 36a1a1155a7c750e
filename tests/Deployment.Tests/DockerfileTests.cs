using System.Text.RegularExpressions;
using System.Xml.Linq;
using OrleansCron.Tests.Deployment.Infrastructure;

namespace OrleansCron.Tests.Deployment;

public sealed class DockerfileTests
{
    public static TheoryData<string> Names => ["silo", "gateway"];

    [Theory, MemberData(nameof(Names))]
    public void Stages_WhenRead_BuildOnSdkAndRunOnAspnet(string name)
    {
        var dockerfile = Dockerfile.Load(Images.Named(name).Dockerfile);

        var images = dockerfile.BaseImages;

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], images);
    }

    [Theory, MemberData(nameof(Names))]
    public void User_WhenRead_IsNotRoot(string name)
    {
        var dockerfile = Dockerfile.Load(Images.Named(name).Dockerfile);

        var user = dockerfile.User;

        Assert.Contains(user, new[] { "$APP_UID", "app" });
    }

    [Theory, MemberData(nameof(Names))]
    public void Entrypoint_WhenRead_RunsTheProjectAssembly(string name)
    {
        var image = Images.Named(name);
        var dockerfile = Dockerfile.Load(image.Dockerfile);

        var entrypoint = dockerfile.Entrypoint;

        Assert.Equal(["dotnet", image.Assembly.GetName().Name + ".dll"], entrypoint);
    }

    [Theory, MemberData(nameof(Names))]
    public void Expose_WhenRead_CoversThePortsTheCodeUses(string name)
    {
        var image = Images.Named(name);
        var dockerfile = Dockerfile.Load(image.Dockerfile);

        var problems = DeploymentRules.UnexposedPorts(image.Dockerfile, image.Ports, dockerfile);

        Assert.Empty(problems);
        Assert.Equal(image.HttpPort, new Uri(dockerfile.Environment["Urls"].Replace("+", "localhost", StringComparison.Ordinal)).Port);
    }

    [Theory, MemberData(nameof(Names))]
    public void Restore_WhenRead_HasEveryProjectAndCentralFileCopiedFirst(string name)
    {
        var image = Images.Named(name);
        var dockerfile = Dockerfile.Load(image.Dockerfile);
        var restore = dockerfile.IndexOfRun($"dotnet restore {image.Project}");

        var copied = dockerfile.ContextSources(restore);

        Assert.True(restore > 0, $"{image.Dockerfile} does not restore {image.Project}");
        Assert.Subset(copied.ToHashSet(), new HashSet<string>([.. ProjectClosure(image.Project), "global.json", "Directory.Build.props", "Directory.Packages.props"]));
        Assert.True(dockerfile.IndexOfRun($"dotnet publish {image.Project}") > restore, $"{image.Dockerfile} does not publish {image.Project}");
    }

    [Theory, MemberData(nameof(Names))]
    public void Copies_WhenRead_NameFilesThatExist(string name)
    {
        var dockerfile = Dockerfile.Load(Images.Named(name).Dockerfile);

        var missing = dockerfile.ContextSources().Where(s => !File.Exists(Repository.PathOf(s)) && !Directory.Exists(Repository.PathOf(s)));

        Assert.Empty(missing);
    }

    [Fact]
    public void DockerIgnore_WhenRead_KeepsBuildOutputOut()
    {
        var lines = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet();

        Assert.Contains("**/bin/", lines);
        Assert.Contains("**/obj/", lines);
    }

    [Fact]
    public void Parse_WithContinuationsAndComments_ReadsTheFinalStage()
    {
        const string Text = """
            FROM a AS build
            # a comment
            ENV Skipped=1
            FROM b
            ENV Urls=http://+:1 \
                Other=
            EXPOSE 1 2/tcp
            USER $APP_UID
            ENTRYPOINT ["dotnet", "x.dll"]
            """;

        var dockerfile = Dockerfile.Parse("test", Text);

        Assert.Equal(["a", "b"], dockerfile.BaseImages);
        Assert.Equal(["Urls", "Other"], dockerfile.Environment.Keys);
        Assert.Equal([1, 2], dockerfile.ExposedPorts);
        Assert.Equal("$APP_UID", dockerfile.User);
        Assert.Equal(["dotnet", "x.dll"], dockerfile.Entrypoint);
    }

    /// <summary>The project and every project it references, transitively (paths relative to the repository root).</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(Repository.PathOf(next))!;
            foreach (var reference in XDocument.Load(Repository.PathOf(next)).Descendants("ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(directory, Regex.Replace(reference.Attribute("Include")!.Value, @"\\", "/")));
                pending.Push(Path.GetRelativePath(Repository.Root, path));
            }
        }

        return seen;
    }
}
