namespace Luoshi.Cli.Tests;

/// <summary><c>luoshi jobs run [--date]</c>: the daily jobs as of a day, said in Chinese; the same day again sends nothing; a bad date is a usage error.</summary>
public sealed class JobsRunTests
{
    [Fact]
    public async Task Running_a_day_twice_skips_it_the_second_time_and_a_bad_date_is_a_usage_error()
    {
        var data = TemporaryData.Create("jobs");
        try
        {
            var first = await LuoshiProcess.RunAsync(["jobs", "run", "--date", "2026-09-30", "--data", data]);
            Assert.True(first.ExitCode == 0, first.Error);
            Assert.Contains("每日定时任务（2026-09-30", first.Output);
            Assert.Contains("完成 提醒：2026-09-30 提醒", first.Output);

            var second = await LuoshiProcess.RunAsync(["jobs", "run", "--date", "2026-09-30", "--data", data]);
            Assert.True(second.ExitCode == 0, second.Error);
            Assert.Contains("跳过 提醒：2026-09-30 已于", second.Output);
            Assert.Contains("未重复发送", second.Output);

            var holiday = await LuoshiProcess.RunAsync(["jobs", "run", "--date", "2026-10-01", "--data", data]);
            Assert.Contains("2026-10-01 不是工作日", holiday.Output);

            var bad = await LuoshiProcess.RunAsync(["jobs", "run", "--date", "2026-02-30", "--data", data]);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--date 应写作 YYYY-MM-DD", bad.Error);
        }
        finally
        {
            TemporaryData.Delete(data);
        }
    }
}
