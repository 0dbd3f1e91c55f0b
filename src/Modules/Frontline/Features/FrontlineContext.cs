using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Frontline.Features;

/// <summary>
/// What Frontline's handlers work with, one scoped service: endpoints and pages take it from the request's services
/// instead of listing five.
/// </summary>
internal sealed record FrontlineContext(
    YiwangDbContext Db, CurrentUser User, IPersonDirectory People, JurisdictionDirectory Directory, TimeProvider Clock);
