namespace Senim.Web.Features.Surveys;

public static class SurveysServiceCollectionExtensions
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddResidentPrivacy();
        services.AddScoped<DistrictDirectory>();
        services.AddScoped<SurveyService>();
        services.AddScoped<SurveyIndices>();
        services.AddScoped<MarginsService>();
        services.AddScoped<SurveyOverviewBuilder>();
        services.AddScoped<SurveyImport>();
        services.AddScoped<OpenAnswers>();
        return services;
    }
}
