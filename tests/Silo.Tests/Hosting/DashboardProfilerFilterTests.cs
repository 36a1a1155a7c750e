using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansCron.Silo.Hosting;

namespace OrleansCron.Tests.Hosting;

public sealed class DashboardProfilerFilterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "oc-profiler-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Invoke_WhileTheProfilerIsOff_CallsTheGrainWithoutTheDashboardsFilter()
    {
        var profiling = new CountingFilter();
        var context = CallContext.Create();

        await new DashboardProfilerFilter(profiling, () => false).Invoke(context);

        Assert.Equal(0, profiling.Calls);
        Assert.Equal(1, ((CallContext)(object)context).Invocations);
    }

    [Fact]
    public async Task Invoke_WhileTheProfilerIsOn_GoesThroughTheDashboardsFilter()
    {
        var profiling = new CountingFilter();
        var context = CallContext.Create();

        await new DashboardProfilerFilter(profiling, () => true).Invoke(context);

        Assert.Equal(1, profiling.Calls);
        Assert.Equal(1, ((CallContext)(object)context).Invocations);
    }

    [Fact]
    public void AddOrleansCron_WithTheDashboard_WrapsItsCallFilter()
    {
        using var host = BuildSilo();

        // Pinned to the dashboard this was written for: a version without its filter or profiler fails here.
        var (filterType, _, _) = DashboardProfilerFilter.Find() ?? throw new InvalidOperationException("The dashboard's profiler filter is not found.");
        var filters = host.Services.GetServices<IIncomingGrainCallFilter>().ToArray();
        Assert.Single(filters.OfType<DashboardProfilerFilter>());
        Assert.DoesNotContain(filters, f => f.GetType() == filterType);
    }

    [Fact]
    public void TryWrap_WithoutTheDashboard_ChangesNothing()
    {
        var services = new ServiceCollection();

        Assert.False(DashboardProfilerFilter.TryWrap(services));
        Assert.Empty(services);
    }

    private IHost BuildSilo()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [$"--OrleansCron:DataDirectory={_directory}"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddOrleansCron(builder.Configuration));
        return builder.Build();
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class CountingFilter : IIncomingGrainCallFilter
    {
        public int Calls { get; private set; }

        public Task Invoke(IIncomingGrainCallContext context)
        {
            Calls++;
            return context.Invoke();
        }
    }

    /// <summary>A call context that only counts how often the call itself was made.</summary>
    public class CallContext : DispatchProxy
    {
        public int Invocations { get; private set; }

        public static IIncomingGrainCallContext Create() => Create<IIncomingGrainCallContext, CallContext>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(IGrainCallContext.Invoke))
            {
                Invocations++;
                return Task.CompletedTask;
            }

            throw new NotSupportedException(targetMethod?.Name);
        }
    }
}
