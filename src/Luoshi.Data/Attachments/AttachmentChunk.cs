using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Attachments;

/// <summary>
/// One piece of an attachment's content kept in the database (<c>Luoshi__Attachments__Store=database</c>): the file is cut
/// into pieces of at most <see cref="MaxBytes"/> bytes, numbered from 0, so it is written and read a piece at a time and never
/// held in memory whole. Keyed by the attachment's stored name; written before the attachment's own row (which may never be
/// saved, when the upload is refused), so there is no foreign key. Never changed, never audited (the attachment row is).
/// </summary>
public sealed class AttachmentChunk
{
    public const int MaxBytes = 512 * 1024;

    public required string StoredName { get; set; }

    public int Seq { get; set; }

    public required byte[] Data { get; set; }
}

internal sealed class AttachmentChunkConfiguration : IEntityTypeConfiguration<AttachmentChunk>
{
    public void Configure(EntityTypeBuilder<AttachmentChunk> b)
    {
        // Plain lower-case names: the store writes and deletes with the same SQL on SQLite and PostgreSQL.
        b.ToTable("attachment_chunks");
        b.HasKey(c => new { c.StoredName, c.Seq });
        b.Property(c => c.StoredName).HasColumnName("stored_name").HasMaxLength(100);
        b.Property(c => c.Seq).HasColumnName("seq").ValueGeneratedNever();
        b.Property(c => c.Data).HasColumnName("data");
    }
}
