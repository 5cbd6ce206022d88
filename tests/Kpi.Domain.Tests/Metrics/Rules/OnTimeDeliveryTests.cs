using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Records;
using Kpi.Testing.Builders;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics.Rules;

public class OnTimeDeliveryTests
{
    [Theory]
    [InlineData("2026-10-15", "2026-10-15", true)]  // on the promised day itself
    [InlineData("2026-10-15", "2026-10-01", true)]  // early
    [InlineData("2026-10-15", "2026-10-16", false)] // a day late
    [InlineData("2026-10-31", "2026-11-01", false)] // late across a month end
    [InlineData("2026-10-15", null, false)]         // not delivered yet
    public void IsOnTime_DeliveredOnOrBeforeThePromisedDate(string promised, string? delivered, bool onTime)
    {
        var record = Build.Delivery(promised, delivered);

        Assert.Equal(onTime, OnTimeDelivery.IsOnTime.Holds(record.PromisedDate, record.DeliveredDate));
        Assert.Equal(onTime, record.OnTime);
    }
}
