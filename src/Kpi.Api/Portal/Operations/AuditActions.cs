namespace Kpi.Api.Portal.Operations;

/// <summary>
/// The audit trail's actions in Chinese for the audit page. The stored action code stays what the API answers and is
/// shown beside the words, so an admin can filter and search by it; an action missing here shows as its code.
/// </summary>
public static class AuditActions
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["auth.signed_in"] = "登录", ["auth.signed_out"] = "退出登录", ["auth.sign_in_failed"] = "登录失败",
        ["user.created"] = "创建用户", ["user.updated"] = "修改用户", ["user.deactivated"] = "停用用户",
        ["user.password_changed"] = "修改密码", ["department.head_changed"] = "更换部门负责人",
        ["key.created"] = "创建 API 密钥", ["key.revoked"] = "吊销 API 密钥",
        ["scorecard.created"] = "创建记分卡", ["scorecard.changed"] = "修改记分卡",
        ["source.created"] = "创建数据源", ["source.updated"] = "修改数据源", ["source.deleted"] = "删除数据源",
        ["pack.downloaded"] = "下载月度报告",
        ["subscription.created"] = "创建邮件订阅", ["subscription.updated"] = "修改邮件订阅", ["subscription.deleted"] = "删除邮件订阅",
        ["delivery.resent"] = "重新发送邮件",
        ["mail.smtp.created"] = "设置 SMTP", ["mail.smtp.updated"] = "修改 SMTP", ["mail.smtp.deleted"] = "删除 SMTP 设置",
        ["appraisal_template.created"] = "创建考核模板", ["appraisal_cycle.created"] = "创建考核周期",
        ["appraisal_cycle.started"] = "启动考核周期", ["appraisal_cycle.calibration_entered"] = "进入校准",
        ["appraisal_cycle.approved"] = "审批考核周期", ["appraisal_cycle.published"] = "发布考核结果",
        ["appraisal.goals_set"] = "设定目标", ["appraisal.self_assessment_submitted"] = "提交自评",
        ["appraisal.review_submitted"] = "提交上级评价", ["appraisal.calibrated"] = "校准考核",
        ["appraisal.reopened"] = "退回重评", ["appraisal.kpi_refreshed"] = "更新 KPI 得分",
        ["appraisal_export.downloaded"] = "导出薪酬表", ["appraisal_form.downloaded"] = "下载考核表",
    };

    /// <summary>The action in the page's language: the code itself in English, the words in Chinese.</summary>
    public static string Name(string action, bool english) => english ? action : Chinese.GetValueOrDefault(action, action);
}
