using Kpi.Api.Infrastructure;
using Kpi.Domain.Appraisal;
using Kpi.Jobs.Appraisal;

namespace Kpi.Api.Appraisal;

/// <summary>
/// The one mapping of the appraisal workflow's refusals to answers (src/Kpi.Domain/Appraisal/README.md): wrong input
/// 400 naming every field, a step by the wrong person 403, a step in the wrong state 409 — with the months not closed
/// and the appraisals not reviewed when calibration cannot start, and the violations when approval breaks the
/// distribution policy — and 404 for an unknown template, cycle or appraisal. Every appraisal endpoint runs behind it,
/// so handlers only call the use case.
/// </summary>
internal sealed class AppraisalProblems : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AppraisalInputException e)
        {
            return Problems.Invalid(e.Errors);
        }
        catch (DistributionViolationException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The grades break the distribution policy",
                extensions: new Dictionary<string, object?> { ["violations"] = e.Violations.Select(ViolationView.From).ToList() });
        }
        catch (CalibrationNotReadyException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The cycle cannot enter calibration yet",
                extensions: new Dictionary<string, object?> { ["open_months"] = e.OpenMonths, ["not_reviewed"] = e.NotReviewed });
        }
        catch (AppraisalStateException e)
        {
            return Problems.Conflict(e.Message);
        }
        catch (AppraisalActorException e)
        {
            return Problems.Forbidden(e.Message);
        }
        catch (AppraisalNotFoundException e)
        {
            return Problems.NotFound(e.Message);
        }
    }
}
