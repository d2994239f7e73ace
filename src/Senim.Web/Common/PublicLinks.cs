namespace Senim.Web.Common;

/// <summary>Where the public addresses point. The key stays <c>Feedback:PublicBaseUrl</c>, where deployments
/// already set it.</summary>
public sealed class PublicLinkOptions
{
    public const string Section = "Feedback";

    /// <summary>Public base address used in links and QR codes (e.g. https://senim.kz). Empty: the request's own.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>The absolute addresses printed on cards, posters, SMS and QR codes: the resident's rating page
/// <c>/f/{code}</c> and the survey page <c>/s/{wave}</c>. These URLs are printed on paper and must never change.</summary>
public sealed class PublicLinks(Microsoft.Extensions.Options.IOptions<PublicLinkOptions> options)
{
    /// <summary>The configured public base, else the request's own scheme and host; no trailing slash.</summary>
    public string Base(HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        return string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}" : configured.TrimEnd('/');
    }

    /// <summary>The rating page of one invitation code.</summary>
    public string Rating(HttpRequest request, string code) => $"{Base(request)}/f/{code}";

    /// <summary>The QR image (SVG) of the rating page of one invitation code.</summary>
    public string RatingQr(HttpRequest request, string code) => $"{Rating(request, code)}/qr.svg";

    /// <summary>The survey page of a wave, optionally for one district.</summary>
    public string Survey(HttpRequest request, string wave, string? districtCode) =>
        $"{Base(request)}/s/{Uri.EscapeDataString(wave)}" + (districtCode is null ? "" : "?d=" + Uri.EscapeDataString(districtCode));
}
