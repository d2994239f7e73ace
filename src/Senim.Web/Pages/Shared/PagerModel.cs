using Microsoft.AspNetCore.Http.Extensions;

namespace Senim.Web.Pages.Shared;

public sealed record PagerModel(int Page, int PageCount, HttpRequest Request)
{
    public string Url(int page)
    {
        var q = new QueryBuilder(Request.Query.Where(kv => kv.Key != "p").SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))));
        q.Add("p", page.ToString(CultureInfo.InvariantCulture));
        return Request.Path + q.ToQueryString().Value;
    }
}
