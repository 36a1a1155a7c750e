using OrleansCron.Silo.Hosting;
using OrleansCron.Tests.Deployment.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace OrleansCron.Tests.Deployment;

public sealed class KubernetesManifestTests
{
    private const string Namespace = "orleanscron";
    private const string PartOf = "app.kubernetes.io/part-of";
    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    [Fact]
    public void Objects_WhenParsed_HaveKindNameNamespaceAndLabels()
    {
        var objects = _k8s.Objects;

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(o.Object.Text("apiVersion")), o.File));
        Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(o.Object.Text("metadata", "name")), o.File));
        Assert.All(objects.Where(o => o.Object.Text("kind") != "Namespace"), o => Assert.Equal(Namespace, o.Object.Text("metadata", "namespace")));
        Assert.All(objects, o => Assert.Equal(Namespace, o.Object.Text("metadata", "labels", PartOf)));
    }

    [Fact]
    public void Kustomization_WhenRead_ListsEveryManifest()
    {
        var kustomization = Yaml.Parse(Repository.Read("k8s/kustomization.yaml"));

        var listed = kustomization.Items("resources").Select(r => r.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(_k8s.Objects.Select(o => o.File).Distinct().Order(StringComparer.Ordinal), listed);
        Assert.Equal(Namespace, kustomization.Text("namespace"));
    }

    [Fact]
    public void Workloads_WhenRead_SelectTheirOwnPods()
    {
        var workloads = _k8s.OfKind("Deployment").Concat(_k8s.OfKind("StatefulSet")).ToList();

        var problems = workloads.SelectMany(w => DeploymentRules.SelectorMismatch(
            w.Text("metadata", "name")!, w.Strings("spec", "selector", "matchLabels"), w.Strings("spec", "template", "metadata", "labels")));

        Assert.Empty(problems);
        Assert.All(workloads, w => Assert.Equal(Namespace, w.Text("spec", "template", "metadata", "labels", PartOf)));
    }

    [Fact]
    public void ServicesAndBudget_WhenRead_SelectPodsOfAWorkload()
    {
        var pods = _k8s.OfKind("Deployment").Concat(_k8s.OfKind("StatefulSet")).ToDictionary(w => w.Text("metadata", "name")!, w => w.Strings("spec", "template", "metadata", "labels"));
        var selectors = _k8s.OfKind("Service").Select(s => (Name: s.Text("metadata", "name")!, Selector: s.Strings("spec", "selector")))
            .Concat(_k8s.OfKind("PodDisruptionBudget").Select(b => (Name: b.Text("metadata", "name")!, Selector: b.Strings("spec", "selector", "matchLabels"))));

        var unmatched = selectors.Where(s => pods.Values.All(labels => DeploymentRules.SelectorMismatch(s.Name, s.Selector, labels).Any())).Select(s => s.Name);

        Assert.Empty(unmatched);
        Assert.Empty(DeploymentRules.SelectorMismatch("pdb", _k8s.Single("PodDisruptionBudget", "orleanscron-silo").Strings("spec", "selector", "matchLabels"), pods["orleanscron-silo"]));
    }

    [Fact]
    public void Containers_OfOurImages_UseImagesTheComposeFileBuildsAndPortsTheyExpose()
    {
        var built = ComposeFile.Load().ImageDockerfiles;

        foreach (var (workload, container) in OurContainers())
        {
            var dockerfile = Dockerfile.Load(built[container.Text("image")!]);
            var ports = container.Items("ports").Select(p => int.Parse(p.Text("containerPort")!, System.Globalization.CultureInfo.InvariantCulture));

            Assert.Empty(DeploymentRules.UnexposedPorts($"k8s {workload}", ports, dockerfile));
        }

        Assert.Equal(["orleanscron-gateway", "orleanscron-silo"], OurContainers().Select(c => c.Workload).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Environment_OfOurContainers_SetsOnlySettingsTheCodeReads()
    {
        var variables = OurContainers().SelectMany(c => _k8s.EnvironmentOf(c.Workload, c.Container));

        var problems = DeploymentRules.UnknownSettings(variables, ConfigurationKeys.FromCode);

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("orleanscron-silo")]
    [InlineData("orleanscron-gateway")]
    public void Probes_WhenRead_RequestMappedPathsOnTheHttpPort(string workload)
    {
        var container = KubernetesManifests.Containers(_k8s.Single("Deployment", workload)).Single();
        var image = Images.ForDockerfile(ComposeFile.Load().ImageDockerfiles[container.Text("image")!]);

        var probes = new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Select(p => container.Get(p)).OfType<YamlNode>().ToList();

        Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
        Assert.All(probes, p => Assert.Null(DeploymentRules.MissingPath(workload, p.Text("httpGet", "path"), image.MappedPaths())));
        Assert.All(probes, p => Assert.Equal(image.HttpPort, KubernetesManifests.ResolvePort(container, p.Text("httpGet", "port")!)));
    }

    [Fact]
    public void SiloDeployment_WhenRead_RunsThreeDrainableSilosOnTheirPodIps()
    {
        var silo = _k8s.Single("Deployment", "orleanscron-silo");
        var container = KubernetesManifests.Containers(silo).Single();
        var grace = TimeSpan.FromSeconds(int.Parse(silo.Text("spec", "template", "spec", "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture));

        var advertised = container.Items("env").Single(e => ConfigurationKeys.ToKey(e.Text("name")!) == ClusterSettings.AdvertisedAddressKey);

        Assert.Equal("3", silo.Text("spec", "replicas"));
        Assert.Null(DeploymentRules.GraceTooShort("silo", grace, Images.DrainTimeout(_k8s.EnvironmentOf("orleanscron-silo", container))));
        Assert.Equal("status.podIP", advertised.Text("valueFrom", "fieldRef", "fieldPath"));
        Assert.NotNull(container.Text("resources", "requests", "cpu"));
        Assert.NotNull(container.Text("resources", "requests", "memory"));
        Assert.NotNull(container.Text("resources", "limits", "memory"));
    }

    [Fact]
    public void Gateway_WhenRead_RunsTwoReplicasBehindAService()
    {
        var gateway = _k8s.Single("Deployment", "orleanscron-gateway");
        var service = _k8s.Single("Service", "orleanscron-gateway");

        var target = service.Items("spec", "ports").Single().Text("targetPort")!;

        Assert.Equal("2", gateway.Text("spec", "replicas"));
        Assert.Equal(Images.Gateway.HttpPort, KubernetesManifests.ResolvePort(KubernetesManifests.Containers(gateway).Single(), target));
    }

    [Fact]
    public void Secret_WhenRead_HoldsTheConnectionStringOurContainersUse()
    {
        var configMap = _k8s.Single("ConfigMap", "orleanscron-config").Strings("data");
        var secret = _k8s.Single("Secret", "orleanscron-postgres").Strings("stringData");

        var references = OurContainers().Select(c => c.Container.Items("env").Single(e => ConfigurationKeys.ToKey(e.Text("name")!) == ClusterSettings.ConnectionStringKey));

        Assert.Empty(DeploymentRules.SecretPlacement(configMap, secret, "connection-string"));
        Assert.All(references, r => Assert.Equal("orleanscron-postgres", r.Text("valueFrom", "secretKeyRef", "name")));
        Assert.All(references, r => Assert.Equal("connection-string", r.Text("valueFrom", "secretKeyRef", "key")));
    }

    [Fact]
    public void Postgres_WhenRead_KeepsDataOnAClaimedVolume()
    {
        var postgres = _k8s.Single("StatefulSet", "postgres");

        var claim = postgres.Items("spec", "volumeClaimTemplates").Single().Text("metadata", "name");

        Assert.Contains(claim, KubernetesManifests.Containers(postgres).Single().Items("volumeMounts").Select(m => m.Text("name")));
        Assert.Equal("postgres", postgres.Text("spec", "serviceName"));
        Assert.StartsWith("postgres:15", KubernetesManifests.Containers(postgres).Single().Text("image"), StringComparison.Ordinal);
    }

    private IEnumerable<(string Workload, YamlNode Container)> OurContainers() =>
        _k8s.OfKind("Deployment").SelectMany(d => KubernetesManifests.Containers(d)
            .Where(c => c.Text("image")!.StartsWith("orleanscron-", StringComparison.Ordinal))
            .Select(c => (d.Text("metadata", "name")!, c)));
}
