using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Architecture;

/// <summary>
/// Page access follows the URL, wherever the page's file lives (Common/FeaturePages, decision 016): every page under
/// <c>/Admin</c> needs Administration, under <c>/Org</c> OrganisationRead, under <c>/Me</c> any member of staff — checked
/// on every routed page, so a page added to one of these URL folders by any feature cannot be left open.
/// </summary>
public sealed class PageAccessTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<string, string> Folders => new()
    {
        { "Admin/", Policies.Administration },
        { "Org/", Policies.OrganisationRead },
        { "Me/", Policies.Staff },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryPageUnderAUrlFolderRequiresItsPolicy(string folder, string policy)
    {
        var pages = Pages().Where(p => p.Route.StartsWith(folder, StringComparison.Ordinal) || p.Route + "/" == folder).ToList();
        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Contains(p.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == policy));
    }

    [Fact]
    public void PagesOfSeveralFeaturesShareTheAdminFolder()
    {
        var features = Pages().Where(p => p.Route.StartsWith("Admin/", StringComparison.Ordinal))
            .Select(p => p.ViewEnginePath.Split('/')[2]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Audit", "Feedback", "Identity", "Organisation", "Surveys"], features);
    }

    [Fact]
    public void EveryPageKeepsItsUrl()
    {
        var routes = Pages().Select(p => p.Route).ToHashSet(StringComparer.Ordinal);
        foreach (var url in new[] { "", "Org", "Org/Unit/{id:guid}", "Admin/Audit", "Admin/ApiKeys", "Admin/Kinds", "Admin/Reference",
                     "Admin/SurveyMargins", "Me", "Me/Feedback", "Me/Attestation", "f/{code?}", "s/{wave}", "Moderation", "Method",
                     "Scores/Units", "Scorecards", "Indicators", "Surveys", "Attestation", "Account/Login", "Feedback/Register", "Status/{code:int}" })
            Assert.Contains(url, routes);
        Assert.DoesNotContain(routes, r => r.StartsWith("Features/", StringComparison.Ordinal) || r.StartsWith("Pages/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/Admin/Audit", "analyst")]
    [InlineData("/Admin/SurveyMargins", "head")]
    [InlineData("/Org", "officer")]
    [InlineData("/Org/Employees", "moderator")]
    public async Task AStaffMemberWithoutThePolicyIsDenied(string url, string user)
    {
        var client = await app.SignInAsync(user);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Admin/Kinds")]
    [InlineData("/Org/Unit/00000000-0000-0000-0000-000000000001")]
    [InlineData("/Me/Feedback")]
    public async Task AnAnonymousVisitorIsSentToSignIn(string url)
    {
        var response = await app.Anonymous().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorOpensAnAdminPageOfEveryFeature()
    {
        var admin = await app.SignInAsync("admin");
        foreach (var url in new[] { "/Admin/Audit", "/Admin/ApiKeys", "/Admin/Kinds", "/Admin/Reference", "/Admin/SurveyMargins", "/Admin/SurveyThemes" })
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
    }

    private IEnumerable<(string Route, string ViewEnginePath, Endpoint Endpoint)> Pages() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e, page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(x => x.page is not null)
            .Select(x => (x.e.RoutePattern.RawText ?? "", x.page!.ViewEnginePath, (Endpoint)x.e));
}
