using OrleansCron.Tests.Deployment.Infrastructure;

namespace OrleansCron.Tests.Deployment;

/// <summary>Each rule the deployment files pass also catches the mistake it is there for.</summary>
public sealed class DeploymentRulesTests
{
    [Theory]
    [InlineData("OrleansCron__Cluster__Bogus", "x")]
    [InlineData("OrleansCron__Scheduling__DrainTimeOutt", "00:00:10")]
    [InlineData("OrleansCron__Scheduling__DrainTimeout", "10s")]
    [InlineData("OrleansCron__Cluster__SiloPort", "eleven")]
    [InlineData("OrleansCron__Cluster__AdvertisedAddress", "silo1")]
    [InlineData("POSTGRES_PASSWORD", "x")]
    public void UnknownSettings_WhenUnknownOrUnbindable_ReportsIt(string name, string value)
    {
        var variables = new[] { new EnvironmentVariable("test", name, value) };

        var problems = DeploymentRules.UnknownSettings(variables, ConfigurationKeys.FromCode);

        Assert.Single(problems);
    }

    [Theory]
    [InlineData("OrleansCron__Scheduling__DrainTimeout", "00:00:10")]
    [InlineData("OrleansCron__Dispatch__AllowPrivateNetworks", "false")]
    [InlineData("OrleansCron__Metrics__FlushInterval", "00:00:01")]
    [InlineData("OrleansCron__History__Retention", "30.00:00:00")]
    [InlineData("OrleansCron__Cluster__Membership__ProbeTimeout", "00:00:02")]
    [InlineData("OrleansCron__Cluster__AdvertisedAddress", "10.0.0.7")]
    [InlineData("OrleansCron__Cors__AllowedOrigins__0", "https://example.org")]
    [InlineData("OrleansCron__Dashboard__Enabled", "true")]
    [InlineData("Urls", "http://+:8080")]
    public void UnknownSettings_WhenKnownAndBindable_ReportsNothing(string name, string value)
    {
        var variables = new[] { new EnvironmentVariable("test", name, value) };

        var problems = DeploymentRules.UnknownSettings(variables, ConfigurationKeys.FromCode);

        Assert.Empty(problems);
    }

    [Fact]
    public void UnexposedPorts_WhenAPortIsNotExposed_ReportsIt()
    {
        var dockerfile = Dockerfile.Parse("test", "FROM x\nEXPOSE 8081 11111\n");

        var problems = DeploymentRules.UnexposedPorts("test", [8081, 11111, 30000], dockerfile);

        Assert.Equal(["test: port 30000 is not EXPOSEd by test"], problems);
    }

    [Fact]
    public void MissingPath_WhenTheProbePathIsNotMapped_ReportsIt()
    {
        var problem = DeploymentRules.MissingPath("test", "/healthz", Endpoints.Silo);

        Assert.NotNull(problem);
    }

    [Fact]
    public void Endpoints_OfBothProcesses_MapTheHealthPaths()
    {
        var silo = Endpoints.Silo;
        var gateway = Endpoints.Gateway;

        Assert.Superset(new HashSet<string> { OrleansCron.Silo.Hosting.SiloHealth.LivePath, OrleansCron.Silo.Hosting.SiloHealth.ReadyPath }, silo.ToHashSet());
        Assert.Superset(new HashSet<string> { "/health/live", "/health/ready" }, gateway.ToHashSet());
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(30, 10)]
    [InlineData(45, 60)]
    public void GraceTooShort_WhenGraceDoesNotOutlastDrainAndShutdown_ReportsIt(int graceSeconds, int drainSeconds)
    {
        var problem = DeploymentRules.GraceTooShort("test", TimeSpan.FromSeconds(graceSeconds), TimeSpan.FromSeconds(drainSeconds));

        Assert.NotNull(problem);
    }

    [Fact]
    public void SelectorMismatch_WhenALabelDiffers_ReportsIt()
    {
        var selector = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "silo" };
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "gateway" };

        var problems = DeploymentRules.SelectorMismatch("test", selector, labels);

        Assert.Single(problems);
    }

    [Fact]
    public void SecretPlacement_WhenTheConnectionStringIsInTheConfigMap_ReportsBoth()
    {
        var configMap = new Dictionary<string, string> { ["OrleansCron__Postgres__ConnectionString"] = "Host=db;Database=x;Password=p" };
        var secret = new Dictionary<string, string> { ["password"] = "p" };

        var problems = DeploymentRules.SecretPlacement(configMap, secret, "connection-string").ToList();

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void SecretPlacement_WhenTheSecretIsNotAConnectionString_ReportsIt()
    {
        var secret = new Dictionary<string, string> { ["connection-string"] = "change-me" };

        var problems = DeploymentRules.SecretPlacement(new Dictionary<string, string>(), secret, "connection-string");

        Assert.Single(problems);
    }

    [Fact]
    public void Yaml_WithMergeKeys_ResolvesThemAsCompose()
    {
        const string Text = """
            x-env: &env
              A: "1"
            services:
              s:
                environment:
                  <<: *env
                  B: "2"
            """;

        var environment = Yaml.Parse(Text).Strings("services", "s", "environment");

        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, environment);
    }
}
