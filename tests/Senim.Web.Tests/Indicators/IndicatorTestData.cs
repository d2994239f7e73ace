using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Data;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Indicators;

/// <summary>Shared arrangements of the indicator tests: ratings written straight into the database (then the score
/// statistics rebuilt, as the full recompute does), upheld contests, and scorecard recomputes through the service.</summary>
internal static class IndicatorTestData
{
    public static readonly Guid FrontOfficeVisit = new("01930000-0000-7000-8000-000000000001");

    public static DateTime Now => DateTime.UtcNow;
    public static DateTime MonthStart(int monthsAgo) => new DateTime(Now.Year, Now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-monthsAgo);
    public static string MonthLabel(int monthsAgo) => MonthStart(monthsAgo).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Counted ratings (all four criteria equal to the value) for an employee, submitted at the given time.</summary>
    public static Task AddRatingsAsync(SenimApp app, params (Guid Employee, int Value, int Count, DateTime At)[] batches) => app.WithDbAsync(async db =>
    {
        foreach (var (employee, value, count, at) in batches)
        {
            var unit = await db.Employees.Where(e => e.Id == employee).Select(e => e.UnitId).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                var interaction = new Interaction
                {
                    KindId = FrontOfficeVisit, UnitId = unit, OccurredAt = at, RegisteredBy = "test", RegisteredAt = at, Code = InvitationCode.New(),
                    ExpiresAt = at.AddDays(1), UsedAt = at,
                };
                db.Interactions.Add(interaction);
                db.InteractionEmployees.Add(new InteractionEmployee { InteractionId = interaction.Id, EmployeeId = employee });
                db.Ratings.Add(new Rating
                {
                    InteractionId = interaction.Id, UnitId = unit, KindId = FrontOfficeVisit, SubmittedAt = at, Courtesy = value, Competence = value,
                    Timeliness = value, Resolved = value, Trust = 5, Culture = "kk",
                });
            }
        }
        await db.SaveChangesAsync();
        await ScoreBuckets.RebuildAsync(db, await ScoreBuckets.ActiveAsync(db, default), default);
        return 0;
    });

    /// <summary>Ratings of the employee, each contested and upheld (removed) at <paramref name="decidedAt"/>.</summary>
    public static Task AddUpheldContestsAsync(SenimApp app, Guid employee, int count, DateTime decidedAt) => app.WithDbAsync(async db =>
    {
        var unit = await db.Employees.Where(e => e.Id == employee).Select(e => e.UnitId).FirstAsync();
        for (var i = 0; i < count; i++)
        {
            var interaction = new Interaction
            {
                KindId = FrontOfficeVisit, UnitId = unit, OccurredAt = decidedAt.AddDays(-2), RegisteredBy = "test", RegisteredAt = decidedAt.AddDays(-2),
                Code = InvitationCode.New(), ExpiresAt = decidedAt, UsedAt = decidedAt.AddDays(-2),
            };
            db.Interactions.Add(interaction);
            db.InteractionEmployees.Add(new InteractionEmployee { InteractionId = interaction.Id, EmployeeId = employee });
            var rating = new Rating
            {
                InteractionId = interaction.Id, UnitId = unit, KindId = FrontOfficeVisit, SubmittedAt = decidedAt.AddDays(-2), Courtesy = 1, Competence = 1,
                Timeliness = 1, Resolved = 1, Trust = 0, Culture = "ru", Status = RatingStatus.Removed,
            };
            db.Ratings.Add(rating);
            db.RatingContests.Add(new RatingContest
            {
                RatingId = rating.Id, EmployeeId = employee, Reason = "abusive", CreatedAt = decidedAt.AddDays(-1), Decision = ContestDecision.Upheld,
                DecidedBy = "moderator", DecidedAt = decidedAt,
            });
        }
        return await db.SaveChangesAsync();
    });

    public static async Task<ScorecardRecomputeResult> RecomputeAsync(SenimApp app, string period, bool storedScores = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScorecardRecompute>()
            .RunAsync(ScorePeriod.Parse(period, DateTime.UtcNow)!, storedScores);
    }

    public static async Task<T> WithServiceAsync<TService, T>(SenimApp app, Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Employees of one position category, by personnel number.</summary>
    public static Task<List<Guid>> EmployeesAsync(SenimApp app, PositionCategory category, int n, int skip = 0) => app.WithDbAsync(db => db.Employees
        .Where(e => db.Positions.Any(p => p.Id == e.PositionId && p.Category == category))
        .OrderBy(e => e.PersonnelNumber).Skip(skip).Select(e => e.Id).Take(n).ToListAsync());

    public static Task<ScorecardResult?> ResultAsync(SenimApp app, string period, IndicatorLevel level, string key) =>
        app.WithDbAsync(db => db.ScorecardResults.AsNoTracking().FirstOrDefaultAsync(r => r.Period == period && r.Level == level && r.SubjectKey == key));

    public static Task<List<IndicatorResult>> IndicatorResultsAsync(SenimApp app, string period, IndicatorLevel level, string key) =>
        app.WithDbAsync(db => db.IndicatorResults.AsNoTracking().Where(r => r.Period == period && r.Level == level && r.SubjectKey == key).OrderBy(r => r.Order).ToListAsync());

    public static string Key(Guid id) => Subject.KeyOf(id);
}
