using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Yiwang.Persistence.Postgres.Migrations
{
    /// <summary>
    /// Scans kept in one partition per district day (ADR 0014): the table becomes a range-partitioned table on
    /// scanned_at with a DEFAULT partition, its key (id, scanned_at). Existing rows move into the DEFAULT partition;
    /// the retention job creates the day partitions (moving their rows out of DEFAULT) and drops expired ones.
    /// EF Core cannot describe partitioning, so this migration is written by hand; the indexes are the model's.
    /// </summary>
    public partial class ScansByDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE healthcodes.scans RENAME TO scans_unpartitioned;
                ALTER TABLE healthcodes.scans_unpartitioned DROP CONSTRAINT pk_scans;
                DROP INDEX healthcodes.ix_scans_subject_scanned_at;
                DROP INDEX healthcodes.ix_scans_venue_id_scanned_at;
                DROP INDEX healthcodes.ix_scans_scanned_at;

                CREATE TABLE healthcodes.scans (
                    id uuid NOT NULL,
                    venue_id uuid NOT NULL,
                    subject character varying(43) COLLATE "C" NOT NULL,
                    scanned_at timestamp with time zone NOT NULL,
                    received_at timestamp with time zone NOT NULL,
                    colour smallint NOT NULL,
                    kid character varying(16) NOT NULL,
                    mode smallint NOT NULL,
                    CONSTRAINT pk_scans PRIMARY KEY (id, scanned_at)
                ) PARTITION BY RANGE (scanned_at);
                CREATE TABLE healthcodes.scans_default PARTITION OF healthcodes.scans DEFAULT;

                INSERT INTO healthcodes.scans (id, venue_id, subject, scanned_at, received_at, colour, kid, mode)
                SELECT id, venue_id, subject, scanned_at, received_at, colour, kid, mode FROM healthcodes.scans_unpartitioned;
                DROP TABLE healthcodes.scans_unpartitioned;

                CREATE INDEX ix_scans_subject_scanned_at ON healthcodes.scans (subject, scanned_at);
                CREATE INDEX ix_scans_venue_id_scanned_at ON healthcodes.scans (venue_id, scanned_at);
                CREATE INDEX ix_scans_scanned_at ON healthcodes.scans USING brin (scanned_at);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE healthcodes.scans RENAME TO scans_partitioned;
                ALTER TABLE healthcodes.scans_partitioned DROP CONSTRAINT pk_scans;
                DROP INDEX healthcodes.ix_scans_subject_scanned_at;
                DROP INDEX healthcodes.ix_scans_venue_id_scanned_at;
                DROP INDEX healthcodes.ix_scans_scanned_at;

                CREATE TABLE healthcodes.scans (
                    id uuid NOT NULL,
                    venue_id uuid NOT NULL,
                    subject character varying(43) COLLATE "C" NOT NULL,
                    scanned_at timestamp with time zone NOT NULL,
                    received_at timestamp with time zone NOT NULL,
                    colour smallint NOT NULL,
                    kid character varying(16) NOT NULL,
                    mode smallint NOT NULL,
                    CONSTRAINT pk_scans PRIMARY KEY (id)
                );
                INSERT INTO healthcodes.scans (id, venue_id, subject, scanned_at, received_at, colour, kid, mode)
                SELECT DISTINCT ON (id) id, venue_id, subject, scanned_at, received_at, colour, kid, mode
                FROM healthcodes.scans_partitioned ORDER BY id, scanned_at;
                DROP TABLE healthcodes.scans_partitioned;

                CREATE INDEX ix_scans_subject_scanned_at ON healthcodes.scans (subject, scanned_at);
                CREATE INDEX ix_scans_venue_id_scanned_at ON healthcodes.scans (venue_id, scanned_at);
                CREATE INDEX ix_scans_scanned_at ON healthcodes.scans USING brin (scanned_at);
                """);
        }
    }
}
