namespace Yiwang.IntegrationTests.Infrastructure;

/// <summary>One host on SQLite shared by a test class.</summary>
public sealed class SqliteHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Sqlite);

    public void Dispose() => Factory.Dispose();
}

/// <summary>One host on PostgreSQL shared by a test class.</summary>
public sealed class PostgresHost : IDisposable
{
    public YiwangFactory Factory { get; } = new(Db.Postgres);

    public void Dispose() => Factory.Dispose();
}
