using System.Security.Cryptography;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Time;

namespace Luoshi.Application.Reports;

/// <summary>
/// Evidence attached to reports and findings, stored with generated names in the folder (<c>DATA/attachments</c> or the shared
/// <c>Luoshi__Attachments__Folder</c>) or in the database (<c>Luoshi__Attachments__Store=database</c>, see <see cref="DatabaseAttachmentStore"/>). The type is decided by
/// the file's content (its first bytes), not by its name, and only images, PDF and Office files are accepted.
/// </summary>
public sealed class EvidenceFiles(DatabaseSettings settings, ChinaClock? clock = null)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public const long MaxMegabytes = MaxBytes / 1024 / 1024;

    private readonly FolderAttachmentStore folder = new([settings.AttachmentsRoot, settings.LocalAttachmentsRoot]);
    private readonly DatabaseAttachmentStore database = new(settings);

    /// <summary>Where new files go (<c>Luoshi__Attachments__Store</c>).</summary>
    private IAttachmentStore Store => settings.AttachmentsInDatabase ? database : folder;

    private IAttachmentStore[] ReadOrder => settings.AttachmentsInDatabase ? [database, folder] : [folder, database];

    /// <summary>At most this many files with one answer (a rectification, a 督办单's 办理情况).</summary>
    public const int MaxFiles = 5;

    /// <summary>One uploaded file as a form or a request gave it.</summary>
    public sealed record Upload(Stream Content, string? FileName, long Length);

    /// <summary>The files really given: a form's file field left empty still sends a nameless, empty part, which is no file.</summary>
    public static IReadOnlyList<Upload> Given(IReadOnlyList<Upload> uploads) =>
        [.. uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName))];

    /// <summary>
    /// Stores every upload (records not yet saved), or none: when one is refused (too large, empty, not an accepted kind),
    /// the ones stored before it are removed and the reason is returned.
    /// </summary>
    public async Task<(List<Attachment> Stored, Problem? Problem)> StoreAllAsync(IReadOnlyList<Upload> uploads, int? userId,
        CancellationToken ct = default)
    {
        var stored = new List<Attachment>();
        foreach (var upload in uploads)
        {
            var (attachment, refused) = await StoreAsync(upload.Content, upload.FileName, upload.Length, userId, ct);
            if (attachment is null)
            {
                stored.ForEach(Discard);
                return ([], refused);
            }
            stored.Add(attachment);
        }
        return (stored, null);
    }

    /// <summary>The content type the bytes really are, or null when they are not an accepted kind.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "image/gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith(new byte[] { 0x50, 0x4B, 0x03, 0x04 }))
        {
            return ext switch
            {
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                ".wps" or ".et" or ".dps" => "application/octet-stream",
                _ => null,
            };
        }
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            return ext switch
            {
                ".doc" => "application/msword",
                ".xls" => "application/vnd.ms-excel",
                ".ppt" => "application/vnd.ms-powerpoint",
                ".wps" or ".et" or ".dps" => "application/octet-stream",
                _ => null,
            };
        }
        return null;
    }

    /// <summary>A file name safe to show and to send back: no folders, no control characters, at most 200 characters.</summary>
    public static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)
            && c is not ('/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')).ToArray()).Trim().TrimStart('.');
        if (name.Length == 0) name = "附件";
        return name.Length > 200 ? name[^200..] : name;
    }

    /// <summary>The name with an extension that agrees with the content: a PNG uploaded as <c>evil.exe</c> is kept as <c>evil.exe.png</c>.</summary>
    public static string WithExtensionFor(string name, string contentType)
    {
        string[] fitting = contentType switch
        {
            "image/jpeg" => [".jpg", ".jpeg"],
            "image/png" => [".png"],
            "image/gif" => [".gif"],
            "image/webp" => [".webp"],
            "application/pdf" => [".pdf"],
            _ => [],
        };
        return fitting.Length == 0 || fitting.Contains(Path.GetExtension(name).ToLowerInvariant()) ? name : name + fitting[0];
    }

    /// <summary>Stores the upload; returns the attachment record (not yet saved) or the reason it was refused.</summary>
    public async Task<(Attachment? Attachment, Problem? Problem)> StoreAsync(Stream content, string? fileName, long length, int? userId,
        CancellationToken ct = default)
    {
        if (length <= 0) return (null, ReportProblems.FileEmpty);
        if (length > MaxBytes) return (null, ReportProblems.FileTooLarge.With(MaxMegabytes));
        var name = CleanName(fileName);
        var head = new byte[16];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var type = Sniff(head.AsSpan(0, read), name);
        if (type is null) return (null, ReportProblems.FileType.With(name));
        name = WithExtensionFor(name, type);

        var now = (clock ?? ChinaClock.System).UtcNow;
        var stored = $"{now:yyyy}/{Guid.NewGuid():N}";
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var writer = await Store.CreateAsync(stored, ct))
        {
            sha.AppendData(head, 0, read);
            await writer.WriteAsync(head.AsMemory(0, read), ct);
            size += read;
            var buffer = new byte[81920];
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += n;
                // Disposed without being completed, the writer removes what it wrote.
                if (size > MaxBytes) return (null, ReportProblems.FileTooLarge.With(MaxMegabytes));
                sha.AppendData(buffer, 0, n);
                await writer.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            await writer.CompleteAsync(ct);
        }
        return (new Attachment
        {
            FileName = name,
            ContentType = type,
            Size = size,
            StoredName = stored,
            Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset()),
            UploadedById = userId,
            UploadedAt = now,
        }, null);
    }

    /// <summary>Removes a stored file whose report was not saved (refused or a replayed submission).</summary>
    public void Discard(Attachment attachment) => Store.Delete(attachment.StoredName);

    /// <summary>Opens a stored file wherever it is: first the store new files go to, then the other (files stored before the store
    /// was changed, or before a shared folder was set, are still found).</summary>
    public async Task<Stream?> OpenAsync(Attachment attachment, CancellationToken ct = default)
    {
        foreach (var store in ReadOrder)
            if (await store.OpenAsync(attachment.StoredName, ct) is { } stream) return stream;
        return null;
    }
}
