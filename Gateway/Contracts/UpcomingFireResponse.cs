using System.Globalization;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Contracts;

/// <summary>One upcoming fire of a schedule: the instant in UTC, the same instant in the schedule's zone (with its offset), and how DST affected it.</summary>
public sealed record UpcomingFireResponse(DateTimeOffset At, string Local, string Dst)
{
    internal static UpcomingFireResponse From(UpcomingFire fire) =>
        new(
            fire.At,
            fire.Local.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            WireNames.DstAdjustments.ToWire(fire.Dst));
}
