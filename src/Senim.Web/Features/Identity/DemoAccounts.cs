namespace Senim.Web.Features.Identity;

/// <summary>One sign-in per role, created only in Development, printed at start-up and listed in the README.</summary>
public static class DemoAccounts
{
    public const string Password = "Senim-demo-2026";
    /// <summary>The Development-only API key; production keys are issued on the API keys page.</summary>
    public const string ApiKey = "snm_demo0development0only0key0000000000000";

    public sealed record Account(string UserName, string Role, string Description);

    public static readonly Account[] All =
    [
        new("admin", Roles.Administrator, "whole country, edits"),
        new("analyst", Roles.NationalAnalyst, "whole country, read"),
        new("regional", Roles.RegionalAnalyst, "Almaty city"),
        new("head", Roles.UnitHead, "first Almaty city police directorate"),
        new("officer", Roles.Employee, "own records only"),
        new("secretary", Roles.AttestationSecretary, "attestation campaigns"),
        new("commission", Roles.CommissionMember, "attestation commission"),
        new("moderator", Roles.Moderator, "ratings of Almaty city (decides held ratings and contests)"),
    ];
}
