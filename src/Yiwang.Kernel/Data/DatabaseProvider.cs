namespace Yiwang.Kernel.Data;

/// <summary>The two databases Yiwang runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: a file under ./data.</summary>
    Sqlite,

    /// <summary>Production: shared by several hosts.</summary>
    Postgres,
}
