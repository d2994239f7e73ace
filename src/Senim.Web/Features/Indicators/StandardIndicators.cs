using Senim.Web.Features.Organisation;
using Senim.Web.Features.Scoring;

namespace Senim.Web.Features.Indicators;

/// <summary>
/// A starting set of indicator definitions and scorecards. The goalposts are chosen so that an indicator at its green
/// threshold earns about 85 points and one at its amber threshold about 65, which are the scorecards' composite
/// thresholds: a composite reads like its indicators. (version 1, in force from 2020-01-01), installed into an
/// empty catalogue: in Development on first start (with the demo scorecards of the last two quarters computed) and by
/// <c>scorecards standard</c> elsewhere. Analysts change them through new versions like any other definition.
/// </summary>
public static class StandardIndicators
{
    public static readonly DateOnly Start = new(2020, 1, 1);
    private static readonly DateTime CreatedAt = new(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);

    private sealed record Spec(string Code, IndicatorLevel Level, string Source, Criterion? Criterion, IndicatorKind Kind, IndicatorDirection Direction,
        MeasureUnit Measure, double Min, double Max, double? Target, double? Green, double? Amber, string Kk, string Ru, string En, string DescKk, string DescRu,
        string DescEn, string UnitKinds = "");

    private static IEnumerable<Spec> Specs()
    {
        const string score = "feedback.score", share = "feedback.share-satisfied", ratings = "feedback.ratings";
        const string scoreKk = "Тұрғындардың бағаларынан шыққан әділ балл (1–5): жұмыс түріне түзетілген, аз деректе әріптестер орташасына жақындатылған, 95% аралығымен.";
        const string scoreRu = "Справедливый балл по оценкам жителей (1–5): с поправкой на вид работы, при малом числе оценок приближен к среднему коллег, с 95% интервалом.";
        const string scoreEn = "The fair score from residents' ratings (1–5): adjusted for the kind of work, pulled toward the peer mean when ratings are few, with its 95% interval.";
        const string shareKk = "Қызметті 4 немесе 5 деп бағалаған тұрғындардың үлесі, Уилсон аралығымен.";
        const string shareRu = "Доля жителей, оценивших обслуживание на 4 или 5, с интервалом Уилсона.";
        const string shareEn = "The share of residents who rated the service 4 or 5, with the Wilson interval.";
        const string countKk = "Кезеңдегі есептелген бағалар саны. Статистикалық көрсеткіш: тек контекст үшін, салмағы жоқ.";
        const string countRu = "Число учтённых оценок за период. Статистический показатель: только для контекста, без веса.";
        const string countEn = "The number of counted ratings in the period. A statistical count: context only, never weighted.";
        const string trustKk = "Сауалнама бойынша полицияға сенім индексі (0–100), халық құрылымына салмақталған.";
        const string trustRu = "Индекс доверия к полиции по опросам (0–100), взвешенный по структуре населения.";
        const string trustEn = "The survey index of trust in the police (0–100), weighted to the population.";
        const string safetyKk = "Сауалнама бойынша қауіпсіздік сезімі индексі (0–100), халық құрылымына салмақталған.";
        const string safetyRu = "Индекс чувства безопасности по опросам (0–100), взвешенный по структуре населения.";
        const string safetyEn = "The survey index of the sense of safety (0–100), weighted to the population.";
        const string unitKinds = "DistrictDirectorate,Division,FrontOffice,LocalPost";

        yield return new("EMP_SCORE", IndicatorLevel.Employee, score, Criterion.Overall, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Score,
            2.5, 5, 4.5, 4.2, 3.8, "Қызмет көрсету сапасы", "Качество обслуживания", "Service quality", scoreKk, scoreRu, scoreEn);
        yield return new("EMP_COURTESY", IndicatorLevel.Employee, score, Criterion.Courtesy, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Score,
            2.5, 5, 4.6, 4.3, 3.9, "Сыпайылық", "Вежливость", "Courtesy", scoreKk, scoreRu, scoreEn);
        yield return new("EMP_RESOLVED", IndicatorLevel.Employee, score, Criterion.Resolved, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Score,
            2, 5, 4.3, 4.0, 3.5, "Мәселенің шешілуі", "Решение вопроса", "Problem resolved", scoreKk, scoreRu, scoreEn);
        yield return new("EMP_SATISFIED", IndicatorLevel.Employee, share, Criterion.Overall, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Percent,
            25, 100, 90, 80, 65, "Қанағаттанған тұрғындар үлесі", "Доля удовлетворённых жителей", "Satisfied residents", shareKk, shareRu, shareEn);
        yield return new("EMP_CONTESTS", IndicatorLevel.Employee, "moderation.contests-upheld", null, IndicatorKind.Evaluative, IndicatorDirection.LowerIsBetter, MeasureUnit.Count,
            0, 5, 0, 0, 1, "Қанағаттандырылған дау-шағымдар", "Удовлетворённые оспаривания", "Contested ratings upheld",
            "Модератор қанағаттандырған (баға алынып тасталған) дау-шағымдар саны.", "Число оспариваний, удовлетворённых модератором (оценка снята).",
            "How many contested ratings a moderator upheld (the rating removed).");
        yield return new("EMP_RATINGS", IndicatorLevel.Employee, ratings, null, IndicatorKind.StatisticalCount, IndicatorDirection.HigherIsBetter, MeasureUnit.Count,
            0, 1000, null, null, null, "Алынған бағалар", "Полученные оценки", "Ratings received", countKk, countRu, countEn);

        yield return new("UNIT_SCORE", IndicatorLevel.Unit, score, Criterion.Overall, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Score,
            2.5, 5, 4.5, 4.2, 3.8, "Бөлімшедегі қызмет сапасы", "Качество обслуживания в подразделении", "Unit service quality", scoreKk, scoreRu, scoreEn);
        yield return new("UNIT_SATISFIED", IndicatorLevel.Unit, share, Criterion.Overall, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Percent,
            25, 100, 90, 80, 65, "Қанағаттанған тұрғындар үлесі", "Доля удовлетворённых жителей", "Satisfied residents", shareKk, shareRu, shareEn);
        yield return new("UNIT_TRUST", IndicatorLevel.Unit, "survey.trust", null, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Index,
            40, 100, 75, 70, 62, "Ауданда полицияға сенім", "Доверие к полиции в районе", "Trust in the police in the district", trustKk, trustRu, trustEn, unitKinds);
        yield return new("UNIT_SAFETY", IndicatorLevel.Unit, "survey.safety", null, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Index,
            40, 100, 75, 70, 62, "Аудандағы қауіпсіздік сезімі", "Чувство безопасности в районе", "Sense of safety in the district", safetyKk, safetyRu, safetyEn, unitKinds);
        yield return new("UNIT_RATINGS", IndicatorLevel.Unit, ratings, null, IndicatorKind.StatisticalCount, IndicatorDirection.HigherIsBetter, MeasureUnit.Count,
            0, 100_000, null, null, null, "Алынған бағалар", "Полученные оценки", "Ratings received", countKk, countRu, countEn);

        foreach (var (level, prefix) in new[] { (IndicatorLevel.District, "DIST"), (IndicatorLevel.Region, "REG") })
        {
            yield return new($"{prefix}_TRUST", level, "survey.trust", null, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Index,
                40, 100, 75, 70, 62, "Полицияға сенім", "Доверие к полиции", "Trust in the police", trustKk, trustRu, trustEn);
            yield return new($"{prefix}_SAFETY", level, "survey.safety", null, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Index,
                40, 100, 75, 70, 62, "Қауіпсіздік сезімі", "Чувство безопасности", "Sense of safety", safetyKk, safetyRu, safetyEn);
            yield return new($"{prefix}_SCORE", level, score, Criterion.Overall, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Score,
                2.5, 5, 4.5, 4.2, 3.8, "Қызмет көрсету сапасы", "Качество обслуживания", "Service quality",
                "Аумақтағы барлық бағалардың жаңалығына қарай салмақталған орташасы (1–5).", "Средняя всех оценок на территории, взвешенная по свежести (1–5).",
                "The recency-weighted mean of every rating given in the area (1–5).");
            yield return new($"{prefix}_SATISFIED", level, share, Criterion.Overall, IndicatorKind.Evaluative, IndicatorDirection.HigherIsBetter, MeasureUnit.Percent,
                25, 100, 90, 80, 65, "Қанағаттанған тұрғындар үлесі", "Доля удовлетворённых жителей", "Satisfied residents", shareKk, shareRu, shareEn);
            yield return new($"{prefix}_RATINGS", level, ratings, null, IndicatorKind.StatisticalCount, IndicatorDirection.HigherIsBetter, MeasureUnit.Count,
                0, 10_000_000, null, null, null, "Алынған бағалар", "Полученные оценки", "Ratings received", countKk, countRu, countEn);
        }
    }

    private sealed record CardSpec(string Code, IndicatorLevel Level, PositionCategory? Category, UnitKind? Kind, string Kk, string Ru, string En, (string Code, double Weight)[] Items);

    private static IEnumerable<CardSpec> Cards()
    {
        yield return new("SC_EMPLOYEE", IndicatorLevel.Employee, null, null, "Қызметкер", "Сотрудник", "Employee",
            [("EMP_SCORE", 0.4), ("EMP_COURTESY", 0.2), ("EMP_SATISFIED", 0.3), ("EMP_CONTESTS", 0.1), ("EMP_RATINGS", 0)]);
        yield return new("SC_INSPECTOR", IndicatorLevel.Employee, PositionCategory.DistrictInspector, null, "Учаскелік инспектор", "Участковый инспектор", "District inspector",
            [("EMP_SCORE", 0.3), ("EMP_RESOLVED", 0.3), ("EMP_SATISFIED", 0.3), ("EMP_CONTESTS", 0.1), ("EMP_RATINGS", 0)]);
        yield return new("SC_FRONT_OFFICE", IndicatorLevel.Unit, null, UnitKind.FrontOffice, "Фронт-офис", "Фронт-офис", "Front office",
            [("UNIT_SCORE", 0.5), ("UNIT_SATISFIED", 0.3), ("UNIT_TRUST", 0.2), ("UNIT_RATINGS", 0)]);
        yield return new("SC_DIRECTORATE", IndicatorLevel.Unit, null, UnitKind.DistrictDirectorate, "Аудандық полиция басқармасы", "Районное управление полиции",
            "District police directorate", [("UNIT_TRUST", 0.35), ("UNIT_SAFETY", 0.35), ("UNIT_SCORE", 0.2), ("UNIT_SATISFIED", 0.1), ("UNIT_RATINGS", 0)]);
        yield return new("SC_UNIT", IndicatorLevel.Unit, null, null, "Бөлімше", "Подразделение", "Unit",
            [("UNIT_SCORE", 0.6), ("UNIT_SATISFIED", 0.4), ("UNIT_RATINGS", 0)]);
        yield return new("SC_DISTRICT", IndicatorLevel.District, null, null, "Аудан", "Район", "District",
            [("DIST_TRUST", 0.35), ("DIST_SAFETY", 0.35), ("DIST_SCORE", 0.15), ("DIST_SATISFIED", 0.15), ("DIST_RATINGS", 0)]);
        yield return new("SC_REGION", IndicatorLevel.Region, null, null, "Өңір", "Регион", "Region",
            [("REG_TRUST", 0.35), ("REG_SAFETY", 0.35), ("REG_SCORE", 0.15), ("REG_SATISFIED", 0.15), ("REG_RATINGS", 0)]);
    }

    /// <summary>Installs the standard set when the catalogue is empty; returns whether it did.</summary>
    public static async Task<bool> EnsureAsync(SenimDb db, CancellationToken ct = default)
    {
        if (await db.IndicatorDefinitions.AnyAsync(ct) || await db.Scorecards.AnyAsync(ct)) return false;
        foreach (var s in Specs())
        {
            db.IndicatorDefinitions.Add(new IndicatorDefinition
            {
                Code = s.Code, Version = 1, Status = DefinitionStatus.Active, Kind = s.Kind, Source = s.Source, Criterion = s.Criterion, Level = s.Level,
                Direction = s.Direction, Measure = s.Measure, ScaleMin = s.Min, ScaleMax = s.Max, Target = s.Target, GreenFrom = s.Green, AmberFrom = s.Amber,
                UnitKinds = s.UnitKinds, NameKk = s.Kk, NameRu = s.Ru, NameEn = s.En, DescriptionKk = s.DescKk, DescriptionRu = s.DescRu, DescriptionEn = s.DescEn,
                EffectiveFrom = Start, CreatedBy = "system", CreatedAt = CreatedAt, ActivatedBy = "system", ActivatedAt = CreatedAt,
            });
        }
        foreach (var c in Cards())
        {
            var card = new Scorecard
            {
                Code = c.Code, Version = 1, Status = DefinitionStatus.Active, Level = c.Level, Category = c.Category, UnitKind = c.Kind, NameKk = c.Kk, NameRu = c.Ru,
                NameEn = c.En, GreenFrom = 85, AmberFrom = 65, EffectiveFrom = Start, CreatedBy = "system", CreatedAt = CreatedAt, ActivatedBy = "system", ActivatedAt = CreatedAt,
            };
            card.Items = [.. c.Items.Select((i, n) => new ScorecardItem { ScorecardId = card.Id, IndicatorCode = i.Code, Weight = i.Weight, Order = n + 1 })];
            db.Scorecards.Add(card);
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
