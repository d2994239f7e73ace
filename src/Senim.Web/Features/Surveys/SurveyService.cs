using System.Security.Cryptography;
using Senim.Web.Features.Feedback.Moderation;

namespace Senim.Web.Features.Surveys;

/// <summary>A wave with what its page needs: the questionnaire version's questions and the covered districts.</summary>
public sealed record WaveView(Wave Wave, Questionnaire Questionnaire, IReadOnlyList<SurveyQuestion> Questions, IReadOnlyList<DistrictInfo> Districts)
{
    public bool IsOpen => Wave.Status == WaveStatus.Open;
}

/// <summary>What a respondent sent: profile, optional phone, and the answers by question code (raw text).</summary>
public sealed record SurveyInput(string? District, string? AgeBand, string? Sex, string? Phone, IReadOnlyDictionary<string, string?> Answers);

public enum SurveySubmitResult { Created, Invalid, Duplicate, Closed }

public sealed record SurveySubmitOutcome(SurveySubmitResult Result, Guid? ResponseId = null, Dictionary<string, (string Key, object[] Args)>? Errors = null);

/// <summary>Waves and residents' responses. One response per device (a random cookie token, stored as a keyed hash)
/// and per phone (keyed hash) in a wave: checked before saving and enforced by unique indexes.</summary>
public sealed class SurveyService(SenimDb db, DistrictDirectory districts, ResidentPrivacy privacy, TimeProvider clock)
{
    public const string DeviceCookie = "senim.sv";
    public const int MaxTextLength = 1000;

    public static string NewDeviceToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string DeviceHash(string token) => privacy.Hash("survey-device:" + token);

    public string PhoneHash(string normalisedPhone) => privacy.PhoneHash(normalisedPhone);

    public async Task<WaveView?> FindWaveAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40) return null;
        var key = code.Trim().ToLowerInvariant();
        var wave = await db.SurveyWaves.AsNoTracking().FirstOrDefaultAsync(w => w.Code == key, ct);
        return wave is null ? null : await ViewAsync(wave, ct);
    }

    public async Task<WaveView> ViewAsync(Wave wave, CancellationToken ct = default)
    {
        var questionnaire = await db.Questionnaires.AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.QuestionnaireId == wave.QuestionnaireId).OrderBy(q => q.Order).ToListAsync(ct);
        var ids = await db.SurveyWaveDistricts.AsNoTracking().Where(x => x.WaveId == wave.Id).Select(x => x.DistrictId).ToListAsync(ct);
        var covered = (await districts.AllAsync(ct)).Where(d => ids.Contains(d.Id)).ToList();
        return new WaveView(wave, questionnaire, questions, covered);
    }

    public Task<bool> DeviceHasAnsweredAsync(Guid waveId, string? deviceToken, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(deviceToken)) return Task.FromResult(false);
        var hash = DeviceHash(deviceToken);
        return db.SurveyResponses.AnyAsync(r => r.WaveId == waveId && r.DeviceHash == hash, ct);
    }

    /// <summary>Field → (resource key, arguments). Fields: district, ageBand, sex, phone, q-{code}.</summary>
    public static Dictionary<string, (string Key, object[] Args)> Validate(WaveView wave, SurveyInput input, out Parsed parsed)
    {
        var e = new Dictionary<string, (string, object[])>(StringComparer.Ordinal);
        DistrictInfo? district = null;
        if (string.IsNullOrWhiteSpace(input.District)) e["district"] = ("Survey.DistrictRequired", []);
        else if (!Guid.TryParse(input.District, CultureInfo.InvariantCulture, out var id) || (district = wave.Districts.FirstOrDefault(d => d.Id == id)) is null)
            e["district"] = ("Survey.DistrictRequired", []);
        var age = SurveyCategories.NormaliseAgeBand(input.AgeBand);
        if (age is null) e["ageBand"] = ("Survey.AgeBandRequired", []);
        var sex = SurveyCategories.NormaliseSex(input.Sex);
        if (sex is null) e["sex"] = ("Survey.SexRequired", []);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone) && (phone = ResidentPrivacy.NormalisePhone(input.Phone)) is null) e["phone"] = ("Survey.PhoneInvalid", []);
        var answers = new List<(SurveyQuestion Question, int? Value, string? Text)>();
        foreach (var q in wave.Questions)
        {
            var raw = input.Answers.TryGetValue(q.Code, out var v) ? v?.Trim() : null;
            if (q.Kind == QuestionKind.Scale0To10)
            {
                if (string.IsNullOrEmpty(raw)) e["q-" + q.Code] = ("Survey.AnswerRequired", []);
                else if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 0 or > 10) e["q-" + q.Code] = ("Survey.AnswerRange", [0, 10]);
                else answers.Add((q, n, null));
            }
            else if (!string.IsNullOrEmpty(raw))
            {
                if (raw.Length > MaxTextLength) e["q-" + q.Code] = ("Survey.TextTooLong", [MaxTextLength]);
                else answers.Add((q, null, raw));
            }
        }
        parsed = new Parsed(district, age, sex, phone, answers);
        return e;
    }

    public sealed record Parsed(DistrictInfo? District, string? AgeBand, string? Sex, string? Phone, IReadOnlyList<(SurveyQuestion Question, int? Value, string? Text)> Answers);

    /// <summary>Open answers are screened like rating comments: phone numbers, IINs, e-mail addresses and cards masked.</summary>
    public static string? Screen(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var screened = CommentScreen.Screen(text, []).Text.Trim();
        return screened.Length == 0 ? null : screened;
    }

    public async Task<SurveySubmitOutcome> SubmitAsync(WaveView wave, SurveyInput input, string deviceToken, string culture, CancellationToken ct = default)
    {
        if (!wave.IsOpen) return new(SurveySubmitResult.Closed);
        var deviceHash = DeviceHash(deviceToken);
        if (await db.SurveyResponses.AnyAsync(r => r.WaveId == wave.Wave.Id && r.DeviceHash == deviceHash, ct)) return new(SurveySubmitResult.Duplicate);
        var errors = Validate(wave, input, out var parsed);
        if (errors.Count > 0) return new(SurveySubmitResult.Invalid, Errors: errors);
        var phoneHash = parsed.Phone is null ? null : PhoneHash(parsed.Phone);
        if (phoneHash is not null && await db.SurveyResponses.AnyAsync(r => r.WaveId == wave.Wave.Id && r.PhoneHash == phoneHash, ct))
            return new(SurveySubmitResult.Duplicate);

        var response = new SurveyResponse
        {
            WaveId = wave.Wave.Id, QuestionnaireId = wave.Wave.QuestionnaireId, DistrictId = parsed.District!.Id, AgeBand = parsed.AgeBand!, Sex = parsed.Sex!,
            Channel = SurveyChannel.Web, Source = ResponseSource.Resident, SubmittedAt = clock.GetUtcNow().UtcDateTime, Culture = culture,
            DeviceHash = deviceHash, PhoneHash = phoneHash,
        };
        db.SurveyResponses.Add(response);
        foreach (var (q, value, text) in parsed.Answers)
        {
            var t = q.Kind == QuestionKind.OpenText ? Screen(text) : null;
            if (value is null && t is null) continue;
            db.SurveyAnswers.Add(new SurveyAnswer { ResponseId = response.Id, QuestionId = q.Id, Value = value, Text = t });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique indexes refused a concurrent second response from the same device or phone.
            db.ChangeTracker.Clear();
            return new(SurveySubmitResult.Duplicate);
        }
        return new(SurveySubmitResult.Created, response.Id);
    }
}
