using Microsoft.Extensions.Options;

namespace Senim.Web.Features.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddResidentPrivacy();
        services.AddSingleton(sp => new RatingRules(sp.GetRequiredService<IOptions<FeedbackOptions>>().Value));
        services.AddScoped<InteractionRegistry>();
        services.AddScoped<InvitationQueries>();
        services.AddScoped<RatingIntake>();
        // The writer (a singleton) takes a RatingBatchWriter from a scope of its own for each batch; neither knows the intake.
        services.AddScoped<RatingBatchWriter>();
        services.AddSingleton<RatingWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RatingWriter>());
        services.AddScoped<ModerationService>();
        services.AddScoped<FeedbackViews>();
        services.AddFeedbackRateLimits(configuration);
        return services;
    }
}
