using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Attestation;

/// <summary>Which positions a campaign covers: managerial levels, categories and regions. An empty set means "any".
/// Stored on the campaign as comma-separated names so that the rule reads the same in the database and in the audit.</summary>
public sealed record CampaignRule(IReadOnlySet<ManagerialLevel> Levels, IReadOnlySet<PositionCategory> Categories, IReadOnlySet<string> Regions)
{
    public static CampaignRule From(Campaign c) => new(ParseEnums<ManagerialLevel>(c.RuleLevels), ParseEnums<PositionCategory>(c.RuleCategories),
        c.RuleRegions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));

    public void ApplyTo(Campaign c)
    {
        c.RuleLevels = string.Join(",", Levels.Order().Select(l => l.ToString()));
        c.RuleCategories = string.Join(",", Categories.Order().Select(l => l.ToString()));
        c.RuleRegions = string.Join(",", Regions.Order(StringComparer.Ordinal));
    }

    /// <summary>The default of an extraordinary attestation: middle managers everywhere.</summary>
    public static CampaignRule MiddleManagers => new(new HashSet<ManagerialLevel> { ManagerialLevel.Middle }, new HashSet<PositionCategory>(), new HashSet<string>());

    public bool Matches(Position position, string? regionCode) =>
        (Levels.Count == 0 || Levels.Contains(position.Level))
        && (Categories.Count == 0 || Categories.Contains(position.Category))
        && (Regions.Count == 0 || (regionCode is not null && Regions.Contains(regionCode)));

    private static HashSet<T> ParseEnums<T>(string text) where T : struct, Enum =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<T>(s, out var v) && Enum.IsDefined(v) ? v : (T?)null)
            .Where(v => v.HasValue).Select(v => v!.Value).ToHashSet();
}
