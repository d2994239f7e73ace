using Microsoft.Extensions.Options;

namespace Senim.Web.Features.Surveys;

/// <summary>Development only, deterministic from the demo seed: margins for every district (from its population and
/// the national age/sex structure), two closed quarterly waves of the standard questionnaire with about two thousand
/// responses each, and the current month's wave open for residents. Almaty city's districts get enough responses to
/// publish; Astana and Shymkent fewer; the other districts are deliberately thin, so that suppression shows.</summary>
public sealed class SurveysDemoData(SenimDb db, TimeProvider clock, IOptions<DatabaseOptions> options) : IDemoData
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var seed = options.Value.DemoSeed;
        if (!await db.Districts.AnyAsync(ct) || await db.SurveyWaves.AnyAsync(ct)) return;
        await new MarginsService(db, new DistrictDirectory(db), clock).DeriveMissingAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var thisQuarter = SurveyPeriod.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        var q2 = thisQuarter.Previous();
        var q1 = q2.Previous();
        var month = SurveyPeriod.Month(today.Year, today.Month);
        var questions = StandardInstrument.Questions;
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.RegionCode).ThenBy(d => d.NameEn).ToListAsync(ct);

        Wave NewWave(SurveyPeriod p, WaveStatus status, string kk, string ru, string en) => new()
        {
            Code = p.Code.ToLowerInvariant(), NameKk = kk, NameRu = ru, NameEn = en,
            PeriodKind = p.Kind == SurveyPeriodKind.Quarter ? PeriodKind.Quarter : PeriodKind.Month, PeriodStart = p.Start, PeriodEnd = p.End,
            QuestionnaireId = StandardInstrument.Questionnaire.Id, Status = status, TargetPerDistrict = 200, CreatedAt = now,
        };
        string Q(SurveyPeriod p) => $"{p.Start.Year} Q{((p.Start.Month - 1) / 3) + 1}";
        var waves = new[]
        {
            NewWave(q1, WaveStatus.Closed, $"Қауіпсіздік пен сенім, {Q(q1)}", $"Безопасность и доверие, {Q(q1)}", $"Safety and trust, {Q(q1)}"),
            NewWave(q2, WaveStatus.Closed, $"Қауіпсіздік пен сенім, {Q(q2)}", $"Безопасность и доверие, {Q(q2)}", $"Safety and trust, {Q(q2)}"),
            NewWave(month, WaveStatus.Open, $"Қауіпсіздік пен сенім, {month.Code}", $"Безопасность и доверие, {month.Code}", $"Safety and trust, {month.Code}"),
        };
        db.SurveyWaves.AddRange(waves);
        foreach (var w in waves) db.SurveyWaveDistricts.AddRange(districts.Select(d => new WaveDistrict { WaveId = w.Id, DistrictId = d.Id }));
        await db.SaveChangesAsync(ct);

        var rng = new Random(seed ^ 0x5A5A17);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double[] ageMix = [0.22, 0.30, 0.20, 0.13, 0.10, 0.05];
        string Pick(double[] mix, string[] labels)
        {
            var u = rng.NextDouble();
            for (var i = 0; i < mix.Length; i++) { if ((u -= mix[i]) < 0) return labels[i]; }
            return labels[^1];
        }
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            for (var wi = 0; wi < 2; wi++)
            {
                var wave = waves[wi];
                for (var di = 0; di < districts.Count; di++)
                {
                    var d = districts[di];
                    var dr = new Random(seed + (di * 7919));
                    var baseSafety = 5.2 + (dr.NextDouble() * 2.5);
                    var baseTrust = 4.8 + (dr.NextDouble() * 2.5);
                    // Between the two quarters some districts improve clearly, some fall back, most stay level.
                    var shift = wi == 0 ? 0 : (di % 5) switch { 0 => 0.9, 1 => -0.7, _ => 0.1 };
                    var size = d.RegionCode switch { "almaty-city" => 165 + rng.Next(40), "astana" => 40 + rng.Next(15), "shymkent" => 25 + rng.Next(10), _ => 3 + rng.Next(16) };
                    for (var i = 0; i < size; i++)
                    {
                        var age = Pick(ageMix, SurveyCategories.AgeBands);
                        var sex = rng.NextDouble() < 0.58 ? "F" : "M";
                        var ageIndex = Array.IndexOf(SurveyCategories.AgeBands, age);
                        var person = Normal() * 1.4;
                        var safety = baseSafety - (sex == "F" ? 0.7 : 0) - (0.15 * ageIndex) + (shift * 0.5) + (person * 0.6);
                        var trust = baseTrust + (0.3 * ageIndex) + shift + person;
                        var culture = rng.NextDouble() switch { < 0.5 => "kk", < 0.9 => "ru", _ => "en" };
                        var r = new SurveyResponse
                        {
                            WaveId = wave.Id, QuestionnaireId = wave.QuestionnaireId, DistrictId = d.Id, AgeBand = age, Sex = sex,
                            Channel = rng.NextDouble() switch { < 0.8 => SurveyChannel.Web, < 0.95 => SurveyChannel.Phone, _ => SurveyChannel.FaceToFace },
                            Source = ResponseSource.Demo, Culture = culture,
                            SubmittedAt = wave.PeriodStart.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc).AddMinutes(rng.Next((wave.PeriodEnd.DayNumber - wave.PeriodStart.DayNumber) * 1440)),
                        };
                        db.SurveyResponses.Add(r);
                        foreach (var q in questions)
                        {
                            if (q.Kind == QuestionKind.OpenText)
                            {
                                if (rng.NextDouble() < 0.65) db.SurveyAnswers.Add(new SurveyAnswer { ResponseId = r.Id, QuestionId = q.Id, Text = Problem(rng, culture, di) });
                                continue;
                            }
                            var latent = q.Index == IndexMembership.Safety ? safety : trust;
                            var value = (int)Math.Round(Math.Clamp(latent + (Normal() * 1.3), 0, 10));
                            db.SurveyAnswers.Add(new SurveyAnswer { ResponseId = r.Id, QuestionId = q.Id, Value = value });
                        }
                    }
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
    }

    private static readonly Dictionary<string, string[]> Problems = new(StringComparer.Ordinal)
    {
        ["kk"] =
        [
            "Көшеде жарық жоқ, кешке қараңғы", "Аулада мас адамдар жиналады", "Жасөспірімдер түнде шулайды, төбелес болады", "Көліктер жылдамдықты асырады",
            "Қаңғыбас иттер көп", "Телефон арқылы алаяқтық", "Патруль сирек көрінеді", "Дүкен жанында ұрлық болды", "Мектеп жанында есірткі сатады",
        ],
        ["ru"] =
        [
            "Плохое освещение во дворах, темно", "Пьяные у магазина по вечерам", "Подростки собираются компаниями, драки", "Водители превышают скорость у школы",
            "Много бродячих собак", "Телефонное мошенничество", "Участкового не видно, нет патрулей", "Кражи из машин", "Закладки наркотиков в подъездах",
        ],
        ["en"] =
        [
            "No street lights, it is dark at night", "Drunk people near the shop", "Groups of teenagers, fights at night", "Cars speeding near the school",
            "Stray dogs in the park", "Phone scams", "Police patrols are rare", "Theft from cars", "Drug dealing near the school",
        ],
    };

    private static string Problem(Random rng, string culture, int district)
    {
        var list = Problems[culture];
        // Each district has its own leading problem, so that the district pages differ.
        return rng.NextDouble() < 0.4 ? list[district % list.Length] : list[rng.Next(list.Length)];
    }
}
