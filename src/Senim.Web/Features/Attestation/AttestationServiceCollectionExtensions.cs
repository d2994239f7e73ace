using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Attestation;

public static class AttestationPolicies
{
    /// <summary>Campaigns, candidates, results, banks, commissions and sittings: attestation secretaries.</summary>
    public const string Secretary = "AttestationSecretaryPolicy";
    /// <summary>Voting and candidates' files: commission members (each only in their own commissions).</summary>
    public const string Commission = "AttestationCommissionPolicy";
    /// <summary>Read-only overview (dashboard, item statistics): secretaries, administrators, national analysts.</summary>
    public const string Overview = "AttestationOverviewPolicy";
}

public static class AttestationServiceCollectionExtensions
{
    public static IServiceCollection AddAttestation(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AttestationPolicies.Secretary, p => p.RequireRole(Roles.AttestationSecretary))
            .AddPolicy(AttestationPolicies.Commission, p => p.RequireRole(Roles.CommissionMember))
            .AddPolicy(AttestationPolicies.Overview, p => p.RequireRole(Roles.AttestationSecretary, Roles.Administrator, Roles.NationalAnalyst));
        services.AddScoped<CampaignService>();
        services.AddScoped<CandidateFiles>();
        services.AddScoped<StandardsService>();
        services.AddScoped<BankService>();
        services.AddScoped<TestService>();
        services.AddSingleton<AnswerPlans>();
        services.AddScoped<ItemStatsService>();
        services.AddScoped<CommissionService>();
        services.AddScoped<ProtocolService>();
        services.AddScoped<AppealService>();
        services.AddScoped<DashboardService>();
        return services;
    }
}
