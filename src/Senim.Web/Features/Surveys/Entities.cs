namespace Senim.Web.Features.Surveys;

public enum QuestionnaireStatus { Draft = 0, Active = 1, Retired = 2 }

/// <summary>One version of a questionnaire. Versions of one instrument share <see cref="Code"/>; a version is never
/// changed once a wave uses it (a new version is built instead), so every answer keeps the wording it was given in.</summary>
public sealed class Questionnaire
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public int Version { get; set; }
    public QuestionnaireStatus Status { get; set; }
    public required string TitleKk { get; set; }
    public required string TitleRu { get; set; }
    public required string TitleEn { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

public enum QuestionKind { Scale0To10 = 0, OpenText = 1 }

/// <summary>Which headline index a scale question counts in.</summary>
public enum IndexMembership { None = 0, Safety = 1, Trust = 2 }

public sealed class SurveyQuestion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid QuestionnaireId { get; set; }
    public int Order { get; set; }
    /// <summary>Stable across versions ("safe_dark", "trust"...): the column name in interviewer CSV files.</summary>
    public required string Code { get; set; }
    public QuestionKind Kind { get; set; }
    public IndexMembership Index { get; set; }
    public required string TextKk { get; set; }
    public required string TextRu { get; set; }
    public required string TextEn { get; set; }
    /// <summary>Labels of the scale's ends (0 and 10); empty for open questions.</summary>
    public string? LowKk { get; set; }
    public string? LowRu { get; set; }
    public string? LowEn { get; set; }
    public string? HighKk { get; set; }
    public string? HighRu { get; set; }
    public string? HighEn { get; set; }
}

public enum PeriodKind { Month = 0, Quarter = 1 }

public enum WaveStatus { Draft = 0, Open = 1, Closed = 2 }

/// <summary>A round of the survey: a period (a month or a quarter), the questionnaire version asked, the districts
/// covered and the target number of responses per district. Residents answer on /s/{Code} while it is open.</summary>
public sealed class Wave
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Lower-case letters, digits and hyphens; part of the public address /s/{code}.</summary>
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public PeriodKind PeriodKind { get; set; }
    /// <summary>First day of the month or quarter.</summary>
    public DateOnly PeriodStart { get; set; }
    /// <summary>Last day of the month or quarter.</summary>
    public DateOnly PeriodEnd { get; set; }
    public Guid QuestionnaireId { get; set; }
    public WaveStatus Status { get; set; }
    public int TargetPerDistrict { get; set; }
    public DateTime CreatedAt { get; set; }
}

public sealed class WaveDistrict
{
    public Guid WaveId { get; set; }
    public Guid DistrictId { get; set; }
}

public enum SurveyChannel { Web = 0, Phone = 1, FaceToFace = 2 }

public enum ResponseSource { Resident = 0, Import = 1, Demo = 2 }

/// <summary>One respondent's answers in one wave. Anonymous: the device token and the phone number are kept only as
/// keyed hashes, used to allow one response per device and per phone in a wave.</summary>
public sealed class SurveyResponse
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WaveId { get; set; }
    public Guid QuestionnaireId { get; set; }
    public Guid DistrictId { get; set; }
    /// <summary>One of <see cref="SurveyCategories.AgeBands"/>.</summary>
    public required string AgeBand { get; set; }
    /// <summary>"F" or "M".</summary>
    public required string Sex { get; set; }
    public SurveyChannel Channel { get; set; }
    public ResponseSource Source { get; set; }
    public DateTime SubmittedAt { get; set; }
    public required string Culture { get; set; }
    public string? DeviceHash { get; set; }
    public string? PhoneHash { get; set; }
    /// <summary>Who imported the row (interviewer files); null for residents' own answers.</summary>
    public string? ImportedBy { get; set; }
}

/// <summary>One answer: a value 0–10 for a scale question, a text for an open one.</summary>
public sealed class SurveyAnswer
{
    public Guid ResponseId { get; set; }
    public Guid QuestionId { get; set; }
    public int? Value { get; set; }
    public string? Text { get; set; }
}

/// <summary>Population of a district by one weighting variable ("age_band" or "sex") and category: the raking
/// margins. Loaded by an administrator from census figures.</summary>
public sealed class DistrictMargin
{
    public Guid DistrictId { get; set; }
    public required string Variable { get; set; }
    public required string Category { get; set; }
    public long Population { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A theme of open answers ("street lighting", "drunkenness"...) with its keywords per language; an answer
/// belongs to every theme one of whose keywords it contains. Administrators edit the keywords.</summary>
public sealed class SurveyTheme
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    /// <summary>Comma-separated keywords (or word beginnings), matched case-insensitively.</summary>
    public string KeywordsKk { get; set; } = "";
    public string KeywordsRu { get; set; } = "";
    public string KeywordsEn { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "system";
}

/// <summary>The categories respondents are asked for and raked on.</summary>
public static class SurveyCategories
{
    public const string AgeVariable = "age_band";
    public const string SexVariable = "sex";
    public static readonly string[] AgeBands = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
    public static readonly string[] Sexes = ["F", "M"];
    public static readonly string[] Variables = [AgeVariable, SexVariable];

    public static bool IsValid(string variable, string category) => variable switch
    {
        AgeVariable => AgeBands.Contains(category, StringComparer.Ordinal),
        SexVariable => Sexes.Contains(category, StringComparer.Ordinal),
        _ => false,
    };

    /// <summary>Accepts "f"/"m" and the Kazakh and Russian initials (Ә/Е, Ж/М) as well.</summary>
    public static string? NormaliseSex(string? value) => (value ?? "").Trim().ToUpperInvariant() switch
    {
        "F" or "Ж" or "Ә" or "FEMALE" => "F",
        "M" or "М" or "Е" or "MALE" => "M",
        _ => null,
    };

    public static string? NormaliseAgeBand(string? value)
    {
        var v = (value ?? "").Trim().Replace('–', '-').Replace(" ", "", StringComparison.Ordinal);
        return AgeBands.FirstOrDefault(b => string.Equals(b, v, StringComparison.Ordinal));
    }
}
