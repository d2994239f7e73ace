namespace Senim.Web.Features.Feedback;

public sealed record MyRating(Guid Id, DateTime SubmittedAt, string KindName, int Courtesy, int Competence, int Timeliness, int Resolved,
    int Trust, string? Comment, RatingStatus Status, ContestDecision? Contest);

public sealed record Distribution(int[] Courtesy, int[] Competence, int[] Timeliness, int[] Resolved, int[] Trust, int Total);

public sealed record MonthPoint(int Year, int Month, double Mean, int Count);

public sealed record TeamRow(Guid EmployeeId, string Name, string PersonnelNumber, int Count, double? Courtesy, double? Competence,
    double? Timeliness, double? Resolved, double? Trust, double? ShareSatisfied);

/// <summary>Read models for "My feedback" and a unit head's team view. Residents never appear: no name, no phone,
/// no hash leaves this class; comments only when published.</summary>
public sealed class FeedbackViews(SenimDb db)
{
    private IQueryable<Rating> RatingsOf(Guid employeeId) =>
        db.Ratings.AsNoTracking().Where(r => db.InteractionEmployees.Any(ie => ie.InteractionId == r.InteractionId && ie.EmployeeId == employeeId));

    public async Task<(IReadOnlyList<MyRating> Items, int Total)> MyRatingsAsync(Guid employeeId, int page, int size, CancellationToken ct = default)
    {
        var q = RatingsOf(employeeId).Where(r => r.Status != RatingStatus.Held);
        var total = await q.CountAsync(ct);
        var rows = await (
            from r in q
            join k in db.InteractionKinds on r.KindId equals k.Id
            orderby r.SubmittedAt descending
            select new
            {
                r, k.NameKk, k.NameRu, k.NameEn,
                Contest = db.RatingContests.Where(c => c.RatingId == r.Id && c.EmployeeId == employeeId).Select(c => (ContestDecision?)c.Decision).FirstOrDefault(),
            }).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return ([.. rows.Select(x => new MyRating(x.r.Id, x.r.SubmittedAt, SenimCultures.Pick(x.NameKk, x.NameRu, x.NameEn), x.r.Courtesy,
            x.r.Competence, x.r.Timeliness, x.r.Resolved, x.r.Trust, x.r.CommentStatus == CommentStatus.Published ? x.r.Comment : null, x.r.Status, x.Contest))], total);
    }

    /// <summary>The whole distribution of counted ratings, not only the mean.</summary>
    public async Task<Distribution> DistributionAsync(Guid employeeId, CancellationToken ct = default)
    {
        var rows = await RatingsOf(employeeId).Where(r => r.Status == RatingStatus.Counted)
            .Select(r => new { r.Courtesy, r.Competence, r.Timeliness, r.Resolved, r.Trust }).ToListAsync(ct);
        static int[] Hist(IEnumerable<int> values, int max)
        {
            var h = new int[max + 1];
            foreach (var v in values.Where(x => x >= 0).Where(x => x <= max)) h[v]++;
            return h;
        }
        return new Distribution(Hist(rows.Select(r => r.Courtesy), 5), Hist(rows.Select(r => r.Competence), 5), Hist(rows.Select(r => r.Timeliness), 5),
            Hist(rows.Select(r => r.Resolved), 5), Hist(rows.Select(r => r.Trust), 10), rows.Count);
    }

    public async Task<IReadOnlyList<MonthPoint>> MonthlyForEmployeeAsync(Guid employeeId, CancellationToken ct = default) =>
        await Monthly(RatingsOf(employeeId), ct);

    public async Task<IReadOnlyList<MonthPoint>> MonthlyForUnitsAsync(string unitPath, CancellationToken ct = default) =>
        await Monthly(db.Ratings.AsNoTracking().Where(r => db.Units.Any(u => u.Id == r.UnitId && u.Path.StartsWith(unitPath))), ct);

    private static async Task<IReadOnlyList<MonthPoint>> Monthly(IQueryable<Rating> q, CancellationToken ct)
    {
        var rows = await q.Where(r => r.Status == RatingStatus.Counted)
            .GroupBy(r => new { r.SubmittedAt.Year, r.SubmittedAt.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Sum = g.Sum(r => r.Courtesy + r.Competence + r.Timeliness + r.Resolved), N = g.Count() })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Year).ThenBy(r => r.Month).Select(r => new MonthPoint(r.Year, r.Month, r.Sum / (4.0 * r.N), r.N))];
    }

    /// <summary>Per employee of a subtree over a period: counted ratings, mean per criterion, share satisfied (mean of the four ≥ 4).</summary>
    public async Task<IReadOnlyList<TeamRow>> TeamAsync(string unitPath, DateTime start, DateTime end, string? q, CancellationToken ct = default)
    {
        var employees = db.Employees.AsNoTracking().Where(e => db.Units.Any(u => u.Id == e.UnitId && u.Path.StartsWith(unitPath)));
        if (!string.IsNullOrWhiteSpace(q)) { var t = q.Trim().ToUpperInvariant(); employees = employees.Where(e => e.SearchText.Contains(t)); }
        var stats = await (
            from ie in db.InteractionEmployees
            join r in db.Ratings on ie.InteractionId equals r.InteractionId
            where r.Status == RatingStatus.Counted && r.SubmittedAt >= start && r.SubmittedAt < end
            join e in employees on ie.EmployeeId equals e.Id
            group r by ie.EmployeeId into g
            select new
            {
                EmployeeId = g.Key, N = g.Count(),
                C = g.Sum(r => r.Courtesy), K = g.Sum(r => r.Competence), T = g.Sum(r => r.Timeliness), R = g.Sum(r => r.Resolved), Tr = g.Sum(r => r.Trust),
                Satisfied = g.Count(r => r.Courtesy + r.Competence + r.Timeliness + r.Resolved >= 16),
            }).ToDictionaryAsync(x => x.EmployeeId, ct);
        var people = await employees.OrderBy(e => e.LastName).ThenBy(e => e.FirstName).Select(e => new { e.Id, e.LastName, e.FirstName, e.PersonnelNumber }).Take(2000).ToListAsync(ct);
        return [.. people.Select(p => stats.TryGetValue(p.Id, out var s)
            ? new TeamRow(p.Id, $"{p.LastName} {p.FirstName}", p.PersonnelNumber, s.N, (double)s.C / s.N, (double)s.K / s.N, (double)s.T / s.N, (double)s.R / s.N, (double)s.Tr / s.N, (double)s.Satisfied / s.N)
            : new TeamRow(p.Id, $"{p.LastName} {p.FirstName}", p.PersonnelNumber, 0, null, null, null, null, null, null))];
    }
}
