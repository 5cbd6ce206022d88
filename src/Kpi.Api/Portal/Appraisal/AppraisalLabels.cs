using Kpi.Api.Portal.Shared;

namespace Kpi.Api.Portal.Appraisal;

/// <summary>The appraisal pages' words for the API's state and violation spellings, in the page's language.</summary>
public static class AppraisalLabels
{
    public static string Status(this PortalContext portal, string status) => portal.IsEn ? status.Replace('_', ' ') : status switch
    {
        "draft" => "草稿",
        "started" => "进行中",
        "self_assessment" => "自评",
        "manager_review" => "上级评估",
        "calibration" => "校准",
        "approved" => "已批准",
        "published" => "已发布",
        _ => status,
    };

    public static string Violation(this PortalContext portal, Kpi.Jobs.Appraisal.ViolationView v) => v.Kind == "max"
        ? portal.T($"{v.Group}:等级 {v.Grade} 有 {v.Count} 人,上限 {v.Bound} 人", $"{v.Group}: grade {v.Grade} has {v.Count}, at most {v.Bound} allowed")
        : portal.T($"{v.Group}:等级 {v.Grade} 有 {v.Count} 人,下限 {v.Bound} 人", $"{v.Group}: grade {v.Grade} has {v.Count}, at least {v.Bound} required");
}
