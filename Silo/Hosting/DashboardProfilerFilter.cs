using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace OrleansCron.Silo.Hosting;

/// <summary>
/// Puts the Orleans Dashboard's grain-call profiler behind a check of whether it is on. The dashboard (10.4.2) turns its
/// profiler off a minute after the last dashboard query, but its call filter stays an <c>async</c> method that awaits
/// every grain call even then: a state machine, a task and a scheduler continuation per call, ~4 % of the silo's
/// allocations at 4,000 fires/s (each fire's report is a grain call; measured with the allocation samples of
/// bench/README.md). Here a call goes straight through while the profiler is off, and through the dashboard's filter,
/// timed as before, while someone looks.
/// </summary>
internal sealed class DashboardProfilerFilter(IIncomingGrainCallFilter profiling, Func<bool> isProfiling) : IIncomingGrainCallFilter
{
    private const string FilterTypeName = "Orleans.Dashboard.Implementation.GrainProfilerFilter";
    private const string ProfilerTypeName = "Orleans.Dashboard.Metrics.IGrainProfiler";

    public Task Invoke(IIncomingGrainCallContext context) => isProfiling() ? profiling.Invoke(context) : context.Invoke();

    /// <summary>The dashboard's filter type and its profiler's service type with the getter that says whether it is on
    /// (both internal to the dashboard), or null when this version of the dashboard has them no more (the tests pin
    /// it: an upgrade that drops them fails there).</summary>
    internal static (Type Filter, Type Profiler, MethodInfo IsEnabled)? Find()
    {
        var assembly = typeof(DashboardOptions).Assembly;
        var filter = assembly.GetType(FilterTypeName, throwOnError: false);
        var profiler = assembly.GetType(ProfilerTypeName, throwOnError: false);
        var isEnabled = profiler?.GetProperty("IsEnabled")?.GetMethod;
        return filter is not null && typeof(IIncomingGrainCallFilter).IsAssignableFrom(filter) && profiler is not null
            && isEnabled is not null && isEnabled.ReturnType == typeof(bool) && isEnabled.GetParameters().Length == 0
            ? (filter, profiler, isEnabled)
            : null;
    }

    /// <summary>After <c>AddDashboard</c>: wraps the dashboard's call filter. False, and nothing changed, when the
    /// dashboard is not registered or is not the version this was written for.</summary>
    public static bool TryWrap(IServiceCollection services)
    {
        if (Find() is not var (filterType, profilerType, isEnabled))
        {
            return false;
        }

        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(IIncomingGrainCallFilter) && !descriptor.IsKeyedService && descriptor.ImplementationType == filterType)
            {
                services[i] = ServiceDescriptor.Singleton<IIncomingGrainCallFilter>(provider => new DashboardProfilerFilter(
                    (IIncomingGrainCallFilter)ActivatorUtilities.CreateInstance(provider, filterType),
                    (Func<bool>)Delegate.CreateDelegate(typeof(Func<bool>), provider.GetRequiredService(profilerType), isEnabled)));
                return true;
            }
        }

        return false;
    }
}
