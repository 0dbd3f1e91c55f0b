using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;

namespace Yiwang.HealthCodes.Data;

/// <summary>The citizen side's own table: appeals (申诉). Citizen links and declarations are shared tables.</summary>
internal sealed partial class HealthCodesModel
{
    static partial void ConfigureCitizens(ModelBuilder modelBuilder, string? schema)
    {
        modelBuilder.Entity<Appeal>(e =>
        {
            e.ToTable("appeals", schema);
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.FiledBy).HasMaxLength(256);
            e.Property(a => a.Colour).HasConversion<short>();
            e.Property(a => a.ReasonsJson).HasMaxLength(8000);
            e.Property(a => a.Text).HasMaxLength(Appeal.MaxTextLength);
            e.Property(a => a.Status).HasConversion<short>();
            e.Property(a => a.Answer).HasMaxLength(Appeal.MaxAnswerLength);
            e.Property(a => a.AnsweredBy).HasMaxLength(256);
            e.Property(a => a.CommunityCode).HasMaxLength(12);
            e.Property(a => a.StreetCode).HasMaxLength(9);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => new { a.PersonId, a.FiledAt });
            // The queue: open first, oldest first, within a community, a street or the district.
            e.HasIndex(a => new { a.Status, a.FiledAt });
            e.HasIndex(a => new { a.CommunityCode, a.Status, a.FiledAt });
            e.HasIndex(a => new { a.StreetCode, a.Status, a.FiledAt });
        });
    }
}
