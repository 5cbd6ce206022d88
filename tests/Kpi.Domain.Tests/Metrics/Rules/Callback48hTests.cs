using Kpi.Domain.Metrics.Rules;
using Kpi.Domain.Records;
using static Kpi.Testing.Builders.Build;

namespace Kpi.Domain.Tests.Metrics.Rules;

public class Callback48hTests
{
    [Theory]
    [InlineData("2026-10-03T09:00:00Z", true)]         // exactly 48:00:00 counts
    [InlineData("2026-10-03T08:59:59Z", true)]
    [InlineData("2026-10-03T09:00:00.000001Z", false)] // a microsecond more does not
    [InlineData("2026-10-01T09:00:00Z", true)]         // at once
    [InlineData("2026-10-01T17:00:00+08:00", true)]    // offsets do not matter: instants are UTC
    [InlineData(null, false)]                          // no callback
    public void IsCalledBackInTime_WithinFortyEightHoursInclusive(string? callback, bool inTime)
    {
        var ticket = Inquiry("2026-10-01T09:00:00Z", callback);

        Assert.Equal(inTime, Callback48h.IsCalledBackInTime.Holds(ticket.OpenedAt, ticket.CallbackAt));
        Assert.Equal(inTime, ticket.CalledBackInTime);
    }

    [Fact]
    public void Window_IsFortyEightHours() => Assert.Equal(TimeSpan.FromHours(48), TicketRecord.CallbackWindow);
}
