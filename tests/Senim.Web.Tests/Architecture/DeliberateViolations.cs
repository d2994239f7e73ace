// Deliberate violations of the layout's rules, compiled into the test assembly only, so that the architecture tests can
// prove they bite (FeatureBoundaryTests.The…DeliberateViolation). Never called.
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
using Senim.Web.Features.Feedback;

namespace Senim.Web.Features.Surveys
{
    internal static class DeliberateViolation
    {
        public static async Task WriteAnotherFeaturesRatingsAsync(SenimDb db)
        {
            var rating = new Rating { Culture = "kk" };
            rating.Courtesy = 1;
            db.Ratings.Add(rating);
            await db.Ratings.Where(r => r.Courtesy == 1).ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM ratings WHERE courtesy = 1");
        }
    }
}

namespace Senim.Web.Common
{
    internal static class DeliberateSharedViolation
    {
        public static Type Names() => typeof(Senim.Web.Features.Feedback.Rating);
    }
}
