using System.Text.RegularExpressions;
using OrleansCron.Silo.Hosting;
using OrleansCron.Tests.Deployment.Infrastructure;

namespace OrleansCron.Tests.Deployment;

public sealed partial class ComposeFileTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Services_WhenRead_AreTwoSilosAGatewayAndPostgres()
    {
        var builtFrom = _compose.BuiltServices.ToDictionary(s => s.Key, s => ComposeFile.DockerfileOf(s.Value));

        Assert.Equal(2, builtFrom.Values.Count(d => d == Images.Silo.Dockerfile));
        Assert.Equal(1, builtFrom.Values.Count(d => d == Images.Gateway.Dockerfile));
        Assert.StartsWith("postgres:15", _compose.Services["postgres"].Text("image"), StringComparison.Ordinal);
    }

    [Fact]
    public void Images_WhenBuilt_ComeFromOneDockerfileEach()
    {
        var pairs = _compose.BuiltServices.Values.Select(s => (Image: s.Text("image"), Dockerfile: ComposeFile.DockerfileOf(s))).ToList();

        Assert.All(pairs, p => Assert.NotNull(p.Image));
        Assert.All(pairs, p => Assert.True(File.Exists(Repository.PathOf(p.Dockerfile)), p.Dockerfile));
        Assert.All(pairs.GroupBy(p => p.Image), g => Assert.Single(g.Select(p => p.Dockerfile).Distinct()));
    }

    [Fact]
    public void Environment_OfOurServices_SetsOnlySettingsTheCodeReads()
    {
        var variables = _compose.BuiltServices.SelectMany(s => ComposeFile.EnvironmentOf(s.Key, s.Value));

        var problems = DeploymentRules.UnknownSettings(variables, ConfigurationKeys.FromCode);

        Assert.Empty(problems);
    }

    [Fact]
    public void Ports_OfOurServices_AreExposedByTheirImages()
    {
        var problems = _compose.BuiltServices.SelectMany(s =>
            DeploymentRules.UnexposedPorts($"docker-compose.yml {s.Key}", ComposeFile.PortsOf(s.Value), Dockerfile.Load(ComposeFile.DockerfileOf(s.Value))));

        Assert.Empty(problems);
        Assert.Contains("8080:8080", _compose.Services.Values.SelectMany(s => s.Items("ports")).Select(p => p.ToString()));
    }

    [Fact]
    public void Healthchecks_OfOurServices_RequestMappedPathsOnTheHttpPort()
    {
        foreach (var (name, service) in _compose.BuiltServices)
        {
            var image = Images.ForDockerfile(ComposeFile.DockerfileOf(service));
            var command = string.Join(' ', service.Items("healthcheck", "test").Select(t => t.ToString()));

            var match = HealthRequest().Match(command);

            Assert.True(match.Success, $"{name}: no HTTP health request in '{command}'");
            Assert.Equal(image.HttpPort, int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Null(DeploymentRules.MissingPath(name, match.Groups["path"].Value, image.MappedPaths()));
        }
    }

    [Fact]
    public void Silos_WhenRead_AdvertiseTheirOwnDistinctAddresses()
    {
        var silos = SiloServices().ToList();

        var advertised = silos.Select(s => ComposeFile.EnvironmentOf(s.Key, s.Value)
            .Single(v => ConfigurationKeys.ToKey(v.Name) == ClusterSettings.AdvertisedAddressKey).Value).ToList();

        Assert.Equal(silos.Select(s => s.Value.Get("networks")!.AllNodes.OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Select(n => n.Text("ipv4_address")).OfType<string>().Single()), advertised);
        Assert.Equal(advertised.Count, advertised.Distinct().Count());
    }

    [Fact]
    public void Startup_WhenRead_MigratesWithTheFirstSiloBeforeTheOthersStart()
    {
        var first = SiloServices().First();

        var others = _compose.BuiltServices.Where(s => s.Key != first.Key);

        Assert.Equal("service_healthy", first.Value.Text("depends_on", "postgres", "condition"));
        Assert.All(others, s => Assert.Equal("service_healthy", s.Value.Text("depends_on", first.Key, "condition")));
    }

    [Fact]
    public void Postgres_WhenRead_KeepsDataInAVolumeAndIsCheckedByPgIsReady()
    {
        var postgres = _compose.Services["postgres"];

        Assert.NotEmpty(postgres.Items("volumes"));
        Assert.Contains("pg_isready", postgres.Items("healthcheck", "test").Select(t => t.ToString()));
        Assert.True(postgres.Items("volumes").All(v => _compose.Root.Get("volumes", v.ToString().Split(':')[0]) is not null));
    }

    [Fact]
    public void StopGracePeriod_OfSilos_OutlastsTheDrain()
    {
        foreach (var (name, silo) in SiloServices())
        {
            var grace = TimeSpan.FromSeconds(int.Parse(silo.Text("stop_grace_period")!.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture));

            var problem = DeploymentRules.GraceTooShort(name, grace, Images.DrainTimeout(ComposeFile.EnvironmentOf(name, silo)));

            Assert.Null(problem);
        }
    }

    [Fact]
    public void ClusterIdentity_OfOurServices_IsShared()
    {
        string?[] Identity(string name, YamlDotNet.RepresentationModel.YamlNode service) =>
        [.. new[] { ClusterSettings.ModeKey, ClusterSettings.ConnectionStringKey, ClusterSettings.ServiceIdKey, ClusterSettings.ClusterIdKey }
            .Select(k => ComposeFile.EnvironmentOf(name, service).SingleOrDefault(v => ConfigurationKeys.ToKey(v.Name) == k)?.Value)];

        var identities = _compose.BuiltServices.Select(s => Identity(s.Key, s.Value)).ToList();

        Assert.All(identities, i => Assert.Equal(identities[0], i));
        Assert.Equal("cluster", identities[0][0]);
        Assert.All(identities[0], value => Assert.False(string.IsNullOrEmpty(value)));
    }

    private IEnumerable<KeyValuePair<string, YamlDotNet.RepresentationModel.YamlNode>> SiloServices() =>
        _compose.BuiltServices.Where(s => ComposeFile.DockerfileOf(s.Value) == Images.Silo.Dockerfile).OrderBy(s => s.Key, StringComparer.Ordinal);

    [GeneratedRegex(@"/dev/tcp/127\.0\.0\.1/(?<port>\d+).*GET (?<path>\S+) HTTP")]
    private static partial Regex HealthRequest();
}
