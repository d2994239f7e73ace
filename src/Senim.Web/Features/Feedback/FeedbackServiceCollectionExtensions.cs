using Microsoft.Extensions.Options;

namespace Senim.Web.Features.Feedback;

public static class FeedbackServiceCollectionExtensions
{
    /// <summary>Development runs with a fixed, public hash key so that demo data is reproducible; everywhere else
    /// Feedback:HashKey must be configured (start-up fails otherwise).</summary>
    public const string DevelopmentHashKey = "senim-development-only-hash-key-0123456789";

    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section)
            .PostConfigure(o => { if (string.IsNullOrEmpty(o.HashKey) && env.IsDevelopment()) o.HashKey = DevelopmentHashKey; })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<FeedbackService>();
        services.AddSingleton<RatingWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<RatingWriter>());
        services.AddScoped<ModerationService>();
        services.AddScoped<FeedbackViews>();
        services.AddFeedbackRateLimits(configuration);
        return services;
    }
}
