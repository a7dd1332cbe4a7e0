using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Reports;

/// <summary>What copying the folder's attachments into the database did.</summary>
public sealed record AttachmentCopyResult(int Copied, int AlreadyInDatabase, IReadOnlyList<string> Missing, IReadOnlyList<string> Damaged);

/// <summary>
/// The one-off move to <c>Luoshi__Attachments__Store=database</c> (<c>luoshi attachments migrate</c>): every attachment whose
/// content is still only in the folder (the shared folder or <c>DATA/attachments</c>) is copied into the database, checked
/// against its recorded SHA-256 as it is copied. Files are left in the folder; running it again copies nothing twice.
/// </summary>
public static class AttachmentsToDatabase
{
    public static async Task<AttachmentCopyResult> CopyAsync(DatabaseSettings settings, CancellationToken ct = default)
    {
        var folder = new FolderAttachmentStore([settings.AttachmentsRoot, settings.LocalAttachmentsRoot]);
        var database = new DatabaseAttachmentStore(settings);
        List<(string StoredName, string Sha256)> attachments;
        await using (var db = new LuoshiDb(settings.BuildOptions()))
            attachments = [.. (await db.Attachments.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.StoredName, a.Sha256 }).ToListAsync(ct))
                .Select(a => (a.StoredName, a.Sha256))];
        int copied = 0, already = 0;
        List<string> missing = [], damaged = [];
        foreach (var (stored, sha256) in attachments)
        {
            if (await database.HoldsAsync(stored, ct))
            {
                already++;
                continue;
            }
            await using var file = await folder.OpenAsync(stored, ct);
            if (file is null)
            {
                missing.Add(stored);
                continue;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await database.CopyInAsync(stored, new HashingStream(file, hash), ct);
            if (sha256.Length > 0 && !string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), sha256, StringComparison.OrdinalIgnoreCase))
            {
                database.Delete(stored);
                damaged.Add(stored);
                continue;
            }
            copied++;
        }
        return new AttachmentCopyResult(copied, already, missing, damaged);
    }

    /// <summary>Reads through, adding what is read to the hash.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var n = await inner.ReadAsync(buffer, ct);
            hash.AppendData(buffer.Span[..n]);
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            hash.AppendData(buffer, offset, n);
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
