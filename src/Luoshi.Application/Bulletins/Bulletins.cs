using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Application.Notifications;
using Luoshi.Domain.Bulletins;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Bulletins;

/// <summary>
/// The monthly 督查通报: drafting a month's bulletin from the ledger (<see cref="BulletinFacts"/>), editing its three text
/// sections, publishing it (numbered 〔year〕第N期, the document kept, every unit told in its bell) and reading it. The one
/// home of these rules: the bulletins API and the /Bulletins page both call it. Supervisors and administrators draft, edit
/// and publish; every signed-in user reads what is published; a draft is seen only by its editors.
/// </summary>
public sealed class Bulletins(LuoshiDb db, BulletinFacts facts, Notifier notifier, ChinaClock? clock = null)
{
    private const int NumberAttempts = 5;
    public const string BulletinPublished = "bulletinPublished";

    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>May the caller draft, edit and publish (and see drafts)?</summary>
    public static bool Edits(Caller caller) => caller.RunsLedger;

    /// <summary>The bulletins the caller may see, newest month first (drafts only for editors); the kept documents are not loaded.</summary>
    public async Task<IReadOnlyList<Bulletin>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        var query = db.Bulletins.AsNoTracking();
        if (!Edits(caller)) query = query.Where(b => b.Status == BulletinStatus.Published);
        return await query.OrderByDescending(b => b.Period).Select(b => new Bulletin
        {
            Id = b.Id, Period = b.Period, Overview = b.Overview, Problems = b.Problems, Requirements = b.Requirements, Status = b.Status,
            Year = b.Year, Sequence = b.Sequence, CreatedAt = b.CreatedAt, PublishedAt = b.PublishedAt, Version = b.Version,
        }).ToListAsync(ct);
    }

    /// <summary>A month's bulletin as the caller may see it: a draft only for editors.</summary>
    public async Task<Outcome<Bulletin>> FindAsync(Caller caller, string? period, CancellationToken ct = default)
    {
        if (ParsePeriod(period) is not { } p) return BulletinProblems.PeriodInvalid;
        var found = await db.Bulletins.AsNoTracking().FirstOrDefaultAsync(b => b.Period == p.Text, ct);
        return found is null || (!found.IsPublished && !Edits(caller)) ? BulletinProblems.NotFound : found;
    }

    /// <summary>Drafts the month's bulletin from the ledger (its sections filled in from the figures); once a month.</summary>
    public async Task<Outcome<Bulletin>> DraftAsync(Caller caller, string? period, CancellationToken ct = default)
    {
        if (!Edits(caller)) return BulletinProblems.Forbidden;
        if (ParsePeriod(period) is not { } p) return BulletinProblems.PeriodInvalid;
        if (await db.Bulletins.AnyAsync(b => b.Period == p.Text, ct)) return BulletinProblems.Exists;
        var f = await facts.ForMonthAsync(p.Year, p.Month, Clock.Today, ct);
        var bulletin = new Bulletin
        {
            Period = p.Text, Status = BulletinStatus.Draft, Overview = BulletinFacts.Overview(f), Problems = BulletinFacts.Problems(f),
            Requirements = BulletinFacts.Requirements, CreatedAt = Clock.UtcNow, CreatedById = caller.UserId,
        };
        db.Bulletins.Add(bulletin);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return BulletinProblems.Exists;
        }
        return bulletin;
    }

    /// <summary>Replaces the sections given (null leaves one as it is); a published bulletin is refused (409).</summary>
    public async Task<Outcome<Bulletin>> EditAsync(Caller caller, string? period, string? overview, string? problems, string? requirements,
        CancellationToken ct = default)
    {
        if (!Edits(caller)) return BulletinProblems.Forbidden;
        if (await TrackedAsync(period, ct) is not { } bulletin) return ParsePeriod(period) is null ? BulletinProblems.PeriodInvalid : BulletinProblems.NotFound;
        if (bulletin.Edit(overview, problems, requirements) is { } problem) return problem;
        return await SaveAsync(bulletin, ct);
    }

    /// <summary>Publishes the draft: the year's next number, the document written and kept, every unit's users told.</summary>
    public async Task<Outcome<Bulletin>> PublishAsync(Caller caller, string? period, CancellationToken ct = default)
    {
        if (!Edits(caller)) return BulletinProblems.Forbidden;
        if (await TrackedAsync(period, ct) is not { } bulletin) return ParsePeriod(period) is null ? BulletinProblems.PeriodInvalid : BulletinProblems.NotFound;
        if (bulletin.IsPublished) return BulletinProblems.Published;
        var p = ParsePeriod(bulletin.Period)!.Value;
        var today = Clock.Today;
        var f = await facts.ForMonthAsync(p.Year, p.Month, today, ct);
        var units = await db.OrgUnits.Select(u => u.Id).ToListAsync(ct);
        await notifier.ToUnitsAsync(units, BulletinPublished, $"{BulletinDocument.Title(p.Year, p.Month)}已印发", $"/Bulletins?period={bulletin.Period}",
            $"bulletin:{bulletin.Period}", ct);
        for (var attempt = 1; ; attempt++)
        {
            var sequence = (await db.Bulletins.Where(b => b.Year == today.Year).MaxAsync(b => b.Sequence, ct) ?? 0) + 1;
            var numbered = new Bulletin { Year = today.Year, Sequence = sequence, Overview = bulletin.Overview, Problems = bulletin.Problems,
                Requirements = bulletin.Requirements, Period = bulletin.Period };
            bulletin.Publish(today.Year, sequence, caller.UserId, Clock.UtcNow, BulletinDocument.Write(numbered, f, today, Clock.UtcNow));
            try
            {
                await db.SaveChangesAsync(ct);
                return bulletin;
            }
            catch (DbUpdateConcurrencyException)
            {
                return BulletinProblems.Stale;
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Another bulletin took the number meanwhile: take the next one.
                bulletin.Status = BulletinStatus.Draft;
                bulletin.Version--;
            }
        }
    }

    /// <summary>The .docx: the published one as kept, or (for editors) the draft as it would print now.</summary>
    public async Task<Outcome<byte[]>> DocumentAsync(Caller caller, string? period, CancellationToken ct = default)
    {
        var found = await FindAsync(caller, period, ct);
        if (found.Value is not { } bulletin) return new Outcome<byte[]>(null, found.Problems);
        if (bulletin.Document is { } kept) return kept;
        var p = ParsePeriod(bulletin.Period)!.Value;
        var f = await facts.ForMonthAsync(p.Year, p.Month, Clock.Today, ct);
        return BulletinDocument.Write(bulletin, f, Clock.Today, Clock.UtcNow);
    }

    private async Task<Bulletin?> TrackedAsync(string? period, CancellationToken ct) =>
        ParsePeriod(period) is { } p ? await db.Bulletins.FirstOrDefaultAsync(b => b.Period == p.Text, ct) : null;

    private async Task<Outcome<Bulletin>> SaveAsync(Bulletin bulletin, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return bulletin;
        }
        catch (DbUpdateConcurrencyException)
        {
            return BulletinProblems.Stale;
        }
    }

    /// <summary>YYYY-MM, a month not after this one (China time).</summary>
    public (int Year, int Month, string Text)? ParsePeriod(string? period) =>
        Rankings.RankingMonth.ParseMonth(period, Clock.Today) is { } m ? (m.Year, m.Month, $"{m.Year:0000}-{m.Month:00}") : null;
}
