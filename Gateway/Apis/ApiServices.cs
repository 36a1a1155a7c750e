using Microsoft.AspNetCore.Mvc;
using OrleansCron.Gateway.Validation;

namespace OrleansCron.Gateway.Apis;

/// <summary>What every handler needs. <c>[FromServices]</c> is explicit: without a silo or client registered,
/// inference would otherwise take <see cref="IGrainFactory"/> for a request body.</summary>
internal sealed record ApiServices(
    [FromServices] IGrainFactory Grains,
    [FromServices] TimeProvider Time,
    [FromServices] ResourceIds Ids,
    [FromServices] JsonBodyReader Body);
