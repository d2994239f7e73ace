using System.Security.Claims;
using System.Text.Json;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Indicators;

public enum FlagFilter { Open = 0, Overdue = 1, Actioned = 2, All = 3 }

public sealed record FlagRow(EarlyWarningFlag Flag, string SubjectName, Guid UnitId, string UnitName, bool Overdue, IndicatorDefinition? Indicator, FlagEvidence Evidence);

/// <summary>
/// Early-warning flags for people: a unit head sees the flags of their subtree and records an action on each
/// (conversation, training, mentoring, or no action with the reason) within the configured days; analysts and heads
/// of higher units see open and overdue flags in their scope (one level up and beyond) but do not act; an employee
/// sees their own flags and the actions recorded. Every action is audited.
/// </summary>
public sealed class FlagService(SenimDb db, AuditLog audit, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static FlagEvidence EvidenceOf(EarlyWarningFlag f) =>
        JsonSerializer.Deserialize<FlagEvidence>(f.Evidence) ?? new FlagEvidence();

    /// <summary>Unit heads act on flags within their subtree; administrators anywhere.</summary>
    public static bool CanAct(ClaimsPrincipal user, Unit unit)
    {
        if (user.IsInRole(Roles.Administrator)) return true;
        var scope = OrganisationScope.For(user);
        return user.IsInRole(Roles.UnitHead) && scope.Kind == ScopeKind.Subtree && scope.Covers(unit);
    }

    /// <summary>Analysts and heads see every flag of their scope that still needs an action; who acts sees all.</summary>
    public async Task<List<FlagRow>> InScopeAsync(OrganisationScope scope, FlagFilter filter, int take, CancellationToken ct)
    {
        var now = Now;
        var q = from f in db.EarlyWarningFlags.AsNoTracking()
                join u in scope.Filter(db.Units.AsNoTracking()) on f.UnitId equals u.Id
                where f.Status != FlagStatus.Withdrawn
                select new { f, u };
        q = filter switch
        {
            FlagFilter.Open => q.Where(x => x.f.Status == FlagStatus.Open),
            FlagFilter.Overdue => q.Where(x => x.f.Status == FlagStatus.Open && x.f.DueAt < now),
            FlagFilter.Actioned => q.Where(x => x.f.Status == FlagStatus.Actioned),
            _ => q,
        };
        var rows = await q.OrderBy(x => x.f.DueAt).Take(take).ToListAsync(ct);
        return await RowsAsync(rows.Select(x => (x.f, x.u)).ToList(), ct);
    }

    /// <summary>Counts of open and overdue flags per unit of the scope (the "one level up" overview).</summary>
    public async Task<(int Open, int Overdue)> CountsAsync(OrganisationScope scope, CancellationToken ct)
    {
        var now = Now;
        var q = from f in db.EarlyWarningFlags.AsNoTracking()
                join u in scope.Filter(db.Units.AsNoTracking()) on f.UnitId equals u.Id
                where f.Status == FlagStatus.Open
                select f.DueAt;
        var dues = await q.ToListAsync(ct);
        return (dues.Count, dues.Count(d => d < now));
    }

    public async Task<List<FlagRow>> OfSubjectAsync(IndicatorLevel level, Guid subjectId, CancellationToken ct)
    {
        var rows = await (from f in db.EarlyWarningFlags.AsNoTracking()
                          where f.Level == level && f.SubjectId == subjectId && f.Status != FlagStatus.Withdrawn
                          join u in db.Units.AsNoTracking() on f.UnitId equals u.Id
                          orderby f.RaisedAt descending
                          select new { f, u }).ToListAsync(ct);
        return await RowsAsync(rows.Select(x => (x.f, x.u)).ToList(), ct);
    }

    public async Task<FlagRow?> FindAsync(Guid id, CancellationToken ct)
    {
        var row = await (from f in db.EarlyWarningFlags.AsNoTracking()
                         where f.Id == id
                         join u in db.Units.AsNoTracking() on f.UnitId equals u.Id
                         select new { f, u }).FirstOrDefaultAsync(ct);
        return row is null ? null : (await RowsAsync([(row.f, row.u)], ct))[0];
    }

    public Task<Unit?> UnitAsync(Guid id, CancellationToken ct) => db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);

    private async Task<List<FlagRow>> RowsAsync(List<(EarlyWarningFlag F, Unit U)> rows, CancellationToken ct)
    {
        var employeeIds = rows.Where(r => r.F.Level == IndicatorLevel.Employee).Select(r => r.F.SubjectId).Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in employeeIds.Chunk(500))
        {
            foreach (var e in await db.Employees.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.LastName, e.FirstName }).ToListAsync(ct))
                names[e.Id] = $"{e.LastName} {e.FirstName}";
        }
        var codes = rows.Select(r => r.F.IndicatorCode).Where(c => c.Length > 0).Distinct().ToList();
        var defs = await db.IndicatorDefinitions.AsNoTracking().Where(d => codes.Contains(d.Code) && d.Status != DefinitionStatus.Draft).ToListAsync(ct);
        var now = Now;
        return [.. rows.Select(r =>
        {
            var evidence = EvidenceOf(r.F);
            var def = defs.Where(d => d.Code == r.F.IndicatorCode).OrderByDescending(d => d.Version == evidence.IndicatorVersion).ThenByDescending(d => d.Version).FirstOrDefault();
            var unitName = OrganisationQueries.Name(r.U);
            return new FlagRow(r.F, r.F.Level == IndicatorLevel.Unit ? unitName : names.GetValueOrDefault(r.F.SubjectId, "?"), r.U.Id, unitName, r.F.IsOverdue(now), def, evidence);
        })];
    }

    /// <summary>Records the head's action; a flag takes one action, which closes it.</summary>
    public async Task<List<DefinitionError>> RecordActionAsync(Guid id, FlagActionKind? action, string? note, ClaimsPrincipal user, CancellationToken ct)
    {
        var flag = await db.EarlyWarningFlags.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (flag is null) return [new("", "Flag.NotFound")];
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == flag.UnitId, ct);
        if (!CanAct(user, unit)) return [new("", "Flag.NotYours")];
        if (flag.Status != FlagStatus.Open) return [new("", "Flag.NotOpen")];
        var errors = new List<DefinitionError>();
        if (action is not { } a || !Enum.IsDefined(a)) errors.Add(new("Action", "Flag.ActionRequired"));
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (action == FlagActionKind.NoAction && text is null) errors.Add(new("Note", "Flag.ReasonRequired"));
        if (text is { Length: > 1000 }) errors.Add(new("Note", "Flag.NoteTooLong", 1000));
        if (errors.Count > 0) return errors;
        flag.Action = action;
        flag.ActionNote = text;
        flag.ActionBy = user.Identity?.Name ?? "?";
        flag.ActionAt = Now;
        flag.Status = FlagStatus.Actioned;
        audit.Record("flag.action", "flag", flag.Id, new { Status = FlagStatus.Open }, new { flag.Status, flag.Action, flag.ActionNote });
        await db.SaveChangesAsync(ct);
        return [];
    }
}
