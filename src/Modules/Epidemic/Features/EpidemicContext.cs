using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Epidemic.Features;

/// <summary>What most Epidemic handlers read with: one scoped service instead of six parameters on every handler.</summary>
internal sealed record EpidemicContext(
    YiwangDbContext Db, CurrentUser User, IPersonDirectory People, DiseaseCatalog Catalog, JurisdictionDirectory Directory, TimeProvider Clock);
