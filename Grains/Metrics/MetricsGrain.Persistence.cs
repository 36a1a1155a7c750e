using Orleans.Storage;

namespace OrleansCron.Metrics;

internal sealed partial class MetricsGrain
{
    private IGrainTimer? _persistTimer;
    private bool _persistArmed;
    private bool _dirty;

    // Set when storage holds a newer version than this activation read: another activation owns the state, so this
    // one stops writing (retrying would fail forever and keep it alive) and leaves.
    private bool _superseded;

    private void MarkDirty()
    {
        _dirty = true;
        ArmPersistTimer();
    }

    private void ArmPersistTimer()
    {
        if (_persistArmed || _superseded)
        {
            return;
        }

        if (_persistTimer is null)
        {
            _persistTimer = this.RegisterGrainTimer(
                static (grain, cancellationToken) => grain.PersistAsync(cancellationToken),
                this,
                new GrainTimerCreationOptions
                {
                    DueTime = _persistInterval,
                    Period = Timeout.InfiniteTimeSpan,
                    Interleave = false,
                    KeepAlive = true,
                });
        }
        else
        {
            _persistTimer.Change(_persistInterval, Timeout.InfiniteTimeSpan);
        }

        _persistArmed = true;
    }

    private async Task PersistAsync(CancellationToken cancellationToken)
    {
        _persistArmed = false;
        if (!_dirty || _superseded)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
            _dirty = false;
        }
        catch (InconsistentStateException exception)
        {
            _superseded = true;
            LogSuperseded(logger, this.GetPrimaryKeyString(), exception);
            this.DeactivateOnIdle();
        }
        catch (Exception exception)
        {
            // The data stays in memory; the next attempt writes it together with whatever arrives meanwhile.
            LogPersistFailed(logger, this.GetPrimaryKeyString(), _persistInterval, exception);
            ArmPersistTimer();
        }
    }
}
