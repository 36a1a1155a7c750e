using OrleansCron.Catalog;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Api;

/// <summary>An <see cref="IGrainFactory"/> that hands out <see cref="FakeGrains"/> for the interfaces the gateway uses.</summary>
internal sealed class FakeGrainFactory(FakeBackend backend) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey =>
        (TGrainInterface)(typeof(TGrainInterface) switch
        {
            var t when t == typeof(ITargetGrain) => (object)new FakeGrains.Target(backend, primaryKey),
            var t when t == typeof(IScheduleGrain) => new FakeGrains.Schedule(backend, primaryKey),
            var t when t == typeof(IMetricsGrain) => new FakeGrains.MetricsOf(backend, primaryKey),
            var t => throw new NotSupportedException(t.Name),
        });

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        (TGrainInterface)(typeof(TGrainInterface) switch
        {
            var t when t == typeof(ICatalogGrain) => (object)new FakeGrains.Catalog(backend),
            var t when t == typeof(IRunQueryGrain) => new FakeGrains.RunQueries(backend),
            var t => throw new NotSupportedException(t.Name),
        });

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw new NotSupportedException();

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw new NotSupportedException();

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => throw new NotSupportedException();

    public IAddressable GetGrain(GrainId grainId) => throw new NotSupportedException();

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw new NotSupportedException();

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey, string? grainClassNamePrefix) => throw new NotSupportedException();

    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey) => throw new NotSupportedException();
}
