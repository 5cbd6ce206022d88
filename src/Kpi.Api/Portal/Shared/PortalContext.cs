using System.Globalization;
using Kpi.Api.Auth;
using Kpi.Domain.Access;
using Kpi.Reporting.Localization;
using Kpi.Reporting.Models;
using Microsoft.Net.Http.Headers;

namespace Kpi.Api.Portal.Shared;

/// <summary>
/// What every page needs to know about the request: the language (the <c>kpi_lang</c> cookie the switch sets, else
/// the browser's Accept-Language, else Chinese, the first language), the signed-in caller and the report labels in
/// that language. Pages write both languages at the call site, <c>T("记分卡", "Scorecard")</c>, so no text lacks one.
/// </summary>
public sealed class PortalContext(IHttpContextAccessor accessor)
{
    public const string LanguageCookie = "kpi_lang";

    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request.");

    private ReportLanguage? _language;

    public ReportLanguage Language => _language ??= LanguageOf(Http.Request);

    public bool IsEn => Language == ReportLanguage.En;

    public string Code => Language.Code();

    /// <summary>The BCP 47 tag of the page (<c>html lang</c>).</summary>
    public string HtmlLang => IsEn ? "en" : "zh-CN";

    public Labels Labels => Labels.For(Language);

    public string T(string zh, string en) => IsEn ? en : zh;

    public Caller Caller => Caller.From(Http.User);

    public bool SignedIn => Http.User.Identity?.IsAuthenticated == true;

    public bool SeesFigures => Caller.Role is Roles.Admin or Roles.Hr or Roles.Executive or Roles.Manager;

    public bool SeesCompany => Roles.SeesWholeCompany(Caller.Role);

    public bool IsAdmin => Caller.IsAdmin;

    public string DisplayName => Http.User.FindFirst(KpiClaims.DisplayName)?.Value ?? Caller.Name;

    public string RoleName(string role) => (role, IsEn) switch
    {
        (Roles.Admin, false) => "管理员",
        (Roles.Hr, false) => "人力资源",
        (Roles.Executive, false) => "高管",
        (Roles.Manager, false) => "部门经理",
        (Roles.Employee, false) => "员工",
        (Roles.Admin, true) => "Administrator",
        (Roles.Hr, true) => "HR",
        (Roles.Executive, true) => "Executive",
        (Roles.Manager, true) => "Manager",
        (Roles.Employee, true) => "Employee",
        _ => role,
    };

    /// <summary>A close's or run's state as the API names it (<c>closed</c>, <c>succeeded</c>…), in the page's language.</summary>
    public string State(string state) => IsEn ? state : state switch
    {
        "open" => "未结账", "closing" => "结账中", "rendering" => "生成报告中", "closed" => "已结账", "failed" => "失败",
        "running" => "运行中", "succeeded" => "成功", "interrupted" => "中断", "queued" => "排队中",
        "pending" => "待发送", "sending" => "发送中", "sent" => "已发送", "unknown" => "结果未知",
        _ => state,
    };

    /// <summary>An instant stored in UTC, shown in the company's time zone.</summary>
    public string Time(DateTime? utc, Kpi.Domain.Periods.CompanyTimeZone zone) => utc is not { } t ? "—"
        : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static ReportLanguage LanguageOf(HttpRequest request)
    {
        if (ReportLanguages.TryParse(request.Cookies[LanguageCookie], out var chosen)) return chosen;
        var accepted = request.GetTypedHeaders().AcceptLanguage;
        foreach (var tag in accepted.OrderByDescending(a => a.Quality ?? 1))
        {
            var value = tag.Value.Value ?? "";
            if (value.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) return ReportLanguage.Zh;
            if (value.StartsWith("en", StringComparison.OrdinalIgnoreCase)) return ReportLanguage.En;
        }
        return ReportLanguage.Zh;
    }
}
