using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Organisation;

public static class OrganisationServiceCollectionExtensions
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<OrganisationQueries>();
        services.AddScoped<AuditLog>();
        services.AddScoped<ReferenceDataImporter>();
        return services;
    }
}
