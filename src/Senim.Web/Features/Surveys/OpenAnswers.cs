namespace Senim.Web.Features.Surveys;

public sealed record ThemeCount(string Code, string Name, int Count, double Share);

public sealed record OpenAnswer(DateTime SubmittedAt, string Text, IReadOnlyList<string> Themes);

/// <summary>Open answers of a district in a period, grouped by theme with the editable keyword rules.</summary>
public sealed class OpenAnswers(SenimDb db)
{
    public async Task<(IReadOnlyList<ThemeCount> Themes, IReadOnlyList<OpenAnswer> Answers)> ForDistrictAsync(Guid districtId, SurveyPeriod period, CancellationToken ct = default)
    {
        var themes = await db.SurveyThemes.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(ct);
        var classifier = new ThemeClassifier(themes);
        var rows = await (from a in db.SurveyAnswers.AsNoTracking()
                          join q in db.SurveyQuestions.AsNoTracking() on a.QuestionId equals q.Id
                          join r in db.SurveyResponses.AsNoTracking() on a.ResponseId equals r.Id
                          join w in db.SurveyWaves.AsNoTracking() on r.WaveId equals w.Id
                          where r.DistrictId == districtId && q.Kind == QuestionKind.OpenText && a.Text != null
                                && w.PeriodStart >= period.Start && w.PeriodEnd <= period.End
                          select new { r.SubmittedAt, a.Text }).ToListAsync(ct);
        var answers = rows.Select(x => new OpenAnswer(x.SubmittedAt, x.Text!, classifier.Classify(x.Text))).OrderByDescending(x => x.SubmittedAt).ToList();
        var names = themes.ToDictionary(t => t.Code, t => Common.SenimCultures.Pick(t.NameKk, t.NameRu, t.NameEn));
        var counts = answers.SelectMany(a => a.Themes).GroupBy(c => c)
            .Select(g => new ThemeCount(g.Key, names.GetValueOrDefault(g.Key) ?? "", g.Count(), answers.Count == 0 ? 0 : (double)g.Count() / answers.Count))
            .OrderByDescending(t => t.Code == ThemeClassifier.Other ? -1 : t.Count).ThenBy(t => t.Code, StringComparer.Ordinal).ToList();
        return (counts, answers);
    }
}
