using Luoshi.Data.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Reports;

/// <summary>Where an attachment's content is kept, by its stored name: a folder, or the database.</summary>
public interface IAttachmentStore
{
    /// <summary>A writer for a new file; <see cref="IAttachmentWriter.CompleteAsync"/> makes it readable, disposing without it removes it.</summary>
    Task<IAttachmentWriter> CreateAsync(string storedName, CancellationToken ct);

    /// <summary>The content, or null when this store does not hold it.</summary>
    Task<Stream?> OpenAsync(string storedName, CancellationToken ct);

    /// <summary>Whether the store holds the content.</summary>
    Task<bool> HoldsAsync(string storedName, CancellationToken ct);

    /// <summary>Removes the content (a refused or unsaved upload); nothing happens when the store does not hold it.</summary>
    void Delete(string storedName);
}

/// <summary>A file being written piece by piece.</summary>
public interface IAttachmentWriter : IAsyncDisposable
{
    Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct);

    /// <summary>The file is whole: keep it.</summary>
    Task CompleteAsync(CancellationToken ct);
}

/// <summary>
/// Files under a folder (the shared <c>Luoshi__Attachments__Folder</c> or <c>DATA/attachments</c>); the first root is written, every
/// root is read (older files stay where they were stored). A stored name is ours, and is checked to stay inside its root.
/// </summary>
public sealed class FolderAttachmentStore(IReadOnlyList<string> roots) : IAttachmentStore
{
    public Task<IAttachmentWriter> CreateAsync(string storedName, CancellationToken ct)
    {
        var path = PathIn(roots[0], storedName) ?? throw new ArgumentException("附件存储名无效", nameof(storedName));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Task.FromResult<IAttachmentWriter>(new Writer(path));
    }

    public Task<Stream?> OpenAsync(string storedName, CancellationToken ct) =>
        Task.FromResult<Stream?>(Existing(storedName) is { } path
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null);

    public Task<bool> HoldsAsync(string storedName, CancellationToken ct) => Task.FromResult(Existing(storedName) is not null);

    public void Delete(string storedName)
    {
        if (PathIn(roots[0], storedName) is { } path) File.Delete(path);
    }

    /// <summary>Where the file is, looking in every root in turn.</summary>
    public string? Existing(string storedName) => roots.Select(root => PathIn(root, storedName)).FirstOrDefault(File.Exists);

    private static string? PathIn(string root, string storedName)
    {
        var path = Path.GetFullPath(Path.Combine(root, storedName));
        return path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    private sealed class Writer(string path) : IAttachmentWriter
    {
        private readonly FileStream file = new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        private bool complete;

        public Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct) => file.WriteAsync(bytes, ct).AsTask();

        public async Task CompleteAsync(CancellationToken ct)
        {
            await file.FlushAsync(ct);
            file.Flush(flushToDisk: true);
            complete = true;
        }

        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync();
            if (!complete) File.Delete(path);
        }
    }
}

/// <summary>
/// Content kept in the database (<c>attachment_chunks</c>, bytea on PostgreSQL, blob on SQLite), so every instance on the
/// database reaches it without a shared folder and the database backup holds it. Written and read one piece
/// (<see cref="AttachmentChunk.MaxBytes"/>) at a time, each piece its own short statement on a context of its own.
/// </summary>
public sealed class DatabaseAttachmentStore(DatabaseSettings settings) : IAttachmentStore
{
    private readonly Lazy<DbContextOptions<LuoshiDb>> options = new(settings.BuildOptions);

    private LuoshiDb NewDb() => new(options.Value);

    public Task<IAttachmentWriter> CreateAsync(string storedName, CancellationToken ct) => Task.FromResult<IAttachmentWriter>(new Writer(this, storedName));

    public async Task<Stream?> OpenAsync(string storedName, CancellationToken ct)
    {
        var db = NewDb();
        try
        {
            var first = await ChunkAsync(db, storedName, 0, ct);
            if (first is not null) return new ChunkStream(db, storedName, first);
            await db.DisposeAsync();
            return null;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public async Task<bool> HoldsAsync(string storedName, CancellationToken ct)
    {
        await using var db = NewDb();
        return await db.Set<AttachmentChunk>().AnyAsync(c => c.StoredName == storedName, ct);
    }

    public void Delete(string storedName)
    {
        using var db = NewDb();
        db.Database.ExecuteSql($"DELETE FROM attachment_chunks WHERE stored_name = {storedName}");
    }

    /// <summary>Copies a whole stream in as the content of <paramref name="storedName"/> (the one-off move of folder files).</summary>
    public async Task CopyInAsync(string storedName, Stream content, CancellationToken ct)
    {
        await using var writer = new Writer(this, storedName);
        var buffer = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(buffer, ct)) > 0) await writer.WriteAsync(buffer.AsMemory(0, n), ct);
        await writer.CompleteAsync(ct);
    }

    private static Task<byte[]?> ChunkAsync(LuoshiDb db, string storedName, int seq, CancellationToken ct) =>
        db.Set<AttachmentChunk>().AsNoTracking().Where(c => c.StoredName == storedName && c.Seq == seq).Select(c => c.Data)
            .FirstOrDefaultAsync(ct);

    /// <summary>Fills one piece at a time and stores each as it fills; a writer not completed deletes what it stored.</summary>
    private sealed class Writer(DatabaseAttachmentStore store, string storedName) : IAttachmentWriter
    {
        private readonly LuoshiDb db = store.NewDb();
        private readonly byte[] piece = new byte[AttachmentChunk.MaxBytes];
        private int filled;
        private int seq;
        private bool complete;

        public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
        {
            while (bytes.Length > 0)
            {
                var take = Math.Min(bytes.Length, piece.Length - filled);
                bytes[..take].CopyTo(piece.AsMemory(filled));
                filled += take;
                bytes = bytes[take..];
                if (filled == piece.Length) await FlushAsync(ct);
            }
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (filled > 0 || seq == 0) await FlushAsync(ct);
            complete = true;
        }

        private async Task FlushAsync(CancellationToken ct)
        {
            var data = filled == piece.Length ? piece : piece[..filled];
            var number = seq;
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO attachment_chunks (stored_name, seq, data) VALUES ({storedName}, {number}, {data})", ct);
            seq++;
            filled = 0;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!complete && seq > 0)
                    await db.Database.ExecuteSqlAsync($"DELETE FROM attachment_chunks WHERE stored_name = {storedName}", CancellationToken.None);
            }
            finally
            {
                await db.DisposeAsync();
            }
        }
    }

    /// <summary>Reads the pieces in order, fetching the next one only when the one held is used up.</summary>
    private sealed class ChunkStream(LuoshiDb db, string storedName, byte[] first) : Stream
    {
        private byte[]? held = first;
        private int offset;
        private int seq;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            while (held is not null && offset == held.Length)
            {
                held = await ChunkAsync(db, storedName, ++seq, ct);
                offset = 0;
            }
            if (held is null || buffer.Length == 0) return 0;
            var n = Math.Min(buffer.Length, held.Length - offset);
            held.AsMemory(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) db.Dispose();
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await db.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
