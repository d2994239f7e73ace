using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Organisation;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public sealed record EmployeeFilter(string? Q = null, Guid? UnitId = null, string? RegionCode = null,
    PositionCategory? Category = null, Sex? Sex = null, int Page = 1, int PageSize = 25);

public sealed record EmployeeRow(Guid Id, string PersonnelNumber, string FullName, Sex Sex, Guid UnitId, string UnitName,
    string? PositionTitle, PositionCategory? Category, ManagerialLevel? Level, DateOnly HireDate);

public sealed record UnitNode(Guid Id, Guid? ParentId, UnitKind Kind, string Code, string Name, string? RegionCode, int Depth, string Path);

/// <summary>Reads of the organisation, always through the reader's scope.</summary>
public sealed class OrganisationQueries(SenimDb db)
{
    public const int MaxPageSize = Paging.MaxPageSize;

    public static string Name(Unit u) => SenimCultures.Pick(u.NameKk, u.NameRu, u.NameEn);

    public async Task<Page<EmployeeRow>> EmployeesAsync(OrganisationScope scope, EmployeeFilter f, CancellationToken ct = default)
    {
        var q = scope.Filter(db.Employees.AsNoTracking(), db);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var term = f.Q.Trim().ToUpperInvariant();
            q = q.Where(e => e.SearchText.Contains(term));
        }
        if (f.UnitId is { } unitId)
        {
            var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "-";
            q = q.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(path)));
        }
        if (!string.IsNullOrEmpty(f.RegionCode)) q = q.Where(e => db.Units.Any(u => u.Id == e.UnitId && u.RegionCode == f.RegionCode));
        if (f.Category is { } cat) q = q.Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == cat));
        if (f.Sex is { } sex) q = q.Where(e => e.Sex == sex);

        var total = await q.CountAsync(ct);
        var rows = await (
            from e in q
            join u in db.Units on e.UnitId equals u.Id
            join p in db.Positions on e.PositionId equals p.Id into pj
            from p in pj.DefaultIfEmpty()
            orderby e.LastName, e.FirstName, e.PersonnelNumber
            select new { e, u.NameKk, u.NameRu, u.NameEn, p })
            .Skip((f.Page - 1) * f.PageSize).Take(f.PageSize).ToListAsync(ct);
        var items = rows.Select(r => new EmployeeRow(r.e.Id, r.e.PersonnelNumber, r.e.FullName, r.e.Sex, r.e.UnitId,
            SenimCultures.Pick(r.NameKk, r.NameRu, r.NameEn),
            r.p is null ? null : SenimCultures.Pick(r.p.TitleKk, r.p.TitleRu, r.p.TitleEn), r.p?.Category, r.p?.Level, r.e.HireDate)).ToList();
        return new(items, f.Page, f.PageSize, total);
    }

    public async Task<IReadOnlyList<UnitNode>> TreeAsync(OrganisationScope scope, CancellationToken ct = default)
    {
        var units = await scope.Filter(db.Units.AsNoTracking()).OrderBy(u => u.Depth).ThenBy(u => u.Code).ToListAsync(ct);
        return [.. units.Select(u => new UnitNode(u.Id, u.ParentId, u.Kind, u.Code, Name(u), u.RegionCode, u.Depth, u.Path))];
    }

    public Task<Unit?> UnitAsync(Guid id, CancellationToken ct = default) => db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);

    public async Task<IReadOnlyList<Unit>> AncestorsAsync(Unit unit, CancellationToken ct = default)
    {
        var ids = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var list = await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        return [.. list.OrderBy(u => u.Depth)];
    }

    public async Task<EmployeeResource?> EmployeeAsync(Guid id, CancellationToken ct = default)
    {
        var e = await db.Employees.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        var u = await db.Units.AsNoTracking().FirstAsync(x => x.Id == e.UnitId, ct);
        return new(e, u);
    }

    public sealed record PositionRow(Position Position, Guid? HolderId, string? HolderName);

    public async Task<IReadOnlyList<PositionRow>> PositionsAsync(Guid unitId, CancellationToken ct = default)
    {
        var rows = await (
            from p in db.Positions.AsNoTracking().Where(p => p.UnitId == unitId)
            join e in db.Employees on p.Id equals e.PositionId into ej
            from e in ej.DefaultIfEmpty()
            orderby p.Level descending, p.Category, p.TitleKk
            select new { p, HolderId = (Guid?)e.Id, e.LastName, e.FirstName }).ToListAsync(ct);
        return [.. rows.Select(r => new PositionRow(r.p, r.HolderId, r.HolderId is null ? null : $"{r.LastName} {r.FirstName}"))];
    }
}
