namespace Yiwang.Kernel.Data;

public enum DatabaseProvider
{
    /// <summary>Embedded default: a file under ./data.</summary>
    Sqlite,

    Postgres,
}
