using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>The month's work in Chromium: the department assigns a task, the district reports with evidence, the department accepts.</summary>
public sealed class TaskPagesTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A published plan whose 幼儿园 task is led by 基础教育处, due soon and not yet given to any district; returns the task and its 12 所 target.</summary>
    private async Task<(int TaskId, int TargetId)> PublishedTaskAsync()
    {
        var jichu = await app.ApiAsync("jichu");
        var word = Guid.NewGuid().ToString("N")[..6];
        var text = $"""
            江州市教育局2026年教育工作要点

            一、推进学前教育普及普惠
            （一）扩大普惠资源{word}。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%。
            （二）加强干部队伍建设。遴选培养中小学后备干部50人，6月底前完成。
            """;
        var plan = await LiveApp.JsonAsync(await jichu.PostAsync("/api/v1/plans", new StringContent(text, Encoding.UTF8, "text/plain")));
        var planId = plan.GetProperty("id").GetInt32();
        var tasks = (await LiveApp.JsonAsync(await jichu.GetAsync($"/api/v1/tasks?planId={planId}"))).GetProperty("items").EnumerateArray().ToList();
        await LiveApp.JsonAsync(await jichu.PostAsync($"/api/v1/plans/{planId}/publish", null));
        var task = tasks.First(t => t.GetProperty("title").GetString()!.Contains("扩大普惠资源"));
        var taskId = task.GetProperty("id").GetInt32();
        var targetId = task.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("unit").GetString() == "所").GetProperty("id").GetInt32();

        var supervisor = await app.ApiAsync("supervisor");
        var units = (await LiveApp.JsonAsync(await supervisor.GetAsync("/api/v1/org-units?pageSize=500"))).GetProperty("items").EnumerateArray().ToList();
        var d03 = units.First(u => u.GetProperty("code").GetString() == "D03").GetProperty("id").GetInt32();
        var read = await supervisor.GetAsync($"/api/v1/tasks/{taskId}");
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{taskId}") { Content = JsonContent.Create(new
        {
            // Due in ten days with no progress yet: a warning (yellow) until progress catches up with the time elapsed.
            leadDepartmentId = d03,
            startDate = Luoshi.Domain.Time.ChinaClock.System.Today.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            dueDate = Luoshi.Domain.Time.ChinaClock.System.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }) };
        patch.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        await LiveApp.JsonAsync(await supervisor.SendAsync(patch));
        return (taskId, targetId);
    }

    private Task<(IPage Page, List<string> Errors)> SignInAsync(string user) => app.SignedInPageAsync(user);

    [BrowserFact]
    public async Task The_department_assigns_the_district_reports_with_evidence_and_the_department_accepts()
    {
        var (taskId, targetId) = await PublishedTaskAsync();

        // 基础教育处 gives the task to 江东区 on the task page.
        var (department, departmentErrors) = await SignInAsync("jichu");
        await department.GotoAsync($"/Tasks/{taskId}");
        await Assertions.Expect(department.GetByTestId("task-units")).ToHaveTextAsync("未指定");
        await Assertions.Expect(department.GetByTestId("task-status")).ToHaveTextAsync("预警");
        await Assertions.Expect(department.GetByTestId("task-status")).ToHaveAttributeAsync("data-light", "yellow");
        await department.Locator("#edit > summary").ClickAsync();
        await department.GetByTestId("unit-Q01").CheckAsync();
        await department.GetByTestId("edit-save").ClickAsync();
        await Assertions.Expect(department.GetByTestId("notice")).ToHaveTextAsync("已保存修改");
        await Assertions.Expect(department.GetByTestId("task-units")).ToHaveTextAsync("江东区教育局");

        // 江东区 finds it in 我的任务 and reports with a photo and a value for the target.
        var (district, districtErrors) = await SignInAsync("jiangdong");
        await district.GotoAsync("/MyTasks");
        var item = district.Locator($"[data-testid=agenda-item][data-task='{taskId}']").First;
        await Assertions.Expect(item).ToContainTextAsync("进展待报送");
        await item.Locator("a").ClickAsync();
        await district.GetByTestId("report-progress").FillAsync("60");
        await district.GetByTestId("report-narrative").FillAsync("已完成6所幼儿园的改扩建，其余正在施工。");
        await district.GetByTestId($"report-value-{targetId}").FillAsync("6");
        await district.GetByTestId("report-files").SetInputFilesAsync(new FilePayload { Name = "现场照片.png", MimeType = "image/png", Buffer = Png });
        await district.GetByTestId("report-submit").ClickAsync();
        await Assertions.Expect(district.GetByTestId("notice")).ToHaveTextAsync("进展已报送，等待牵头处室审核");
        var report = district.Locator("li.report").First;
        await Assertions.Expect(report.GetByTestId("report-status")).ToHaveTextAsync("已报送");
        await Assertions.Expect(report.GetByTestId("attachment")).ToHaveTextAsync("现场照片.png");

        // 基础教育处 accepts: the target's attainment and bar move, and the task's status and colour change.
        await department.GotoAsync($"/Tasks/{taskId}");
        var target = department.GetByTestId($"target-{targetId}");
        await Assertions.Expect(target.GetByTestId("target-attainment")).ToHaveTextAsync("暂无数据");
        await Assertions.Expect(target.GetByTestId("target-progress")).ToHaveAttributeAsync("value", "0");
        await department.Locator("li.report").First.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(department.GetByTestId("notice")).ToHaveTextAsync("已采纳该进展反馈");
        await Assertions.Expect(target.GetByTestId("target-attainment")).ToHaveTextAsync("完成 50%");
        Assert.Equal(50, await target.GetByTestId("target-progress").EvaluateAsync<double>("e => e.value"));
        await Assertions.Expect(department.GetByTestId("task-status")).ToHaveTextAsync("进行中");
        await Assertions.Expect(department.GetByTestId("task-status")).ToHaveAttributeAsync("data-light", "blue");
        await Assertions.Expect(department.GetByTestId("task-status")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("light-blue"));
        Assert.Equal(60, await department.GetByTestId("task-progress").EvaluateAsync<double>("e => e.value"));
        await Assertions.Expect(department.Locator("li.report").First.GetByTestId("report-status")).ToHaveTextAsync("已采纳");

        // The other pages of the month's work open without a script or policy error.
        foreach (var path in new[] { "/", "/MyTasks", "/Schedule", "/Calendar", "/Notifications", "/Search?q=" + Uri.EscapeDataString("普惠资源") })
        {
            await department.GotoAsync(path);
            await Assertions.Expect(department.Locator("h1").First).ToBeVisibleAsync();
        }
        await district.GotoAsync("/");
        await Assertions.Expect(district.GetByTestId("home-agenda")).ToBeVisibleAsync();
        Assert.True(departmentErrors.Count == 0, string.Join("\n", departmentErrors));
        Assert.True(districtErrors.Count == 0, string.Join("\n", districtErrors));
    }

    [BrowserFact]
    public async Task The_district_gives_a_task_to_its_school_which_reports_to_the_district_and_the_district_accepts()
    {
        // 基础教育处 gives its plan's task to 江东区 through the API; the rest happens in the browser.
        var (taskId, targetId) = await PublishedTaskAsync();
        var jichu = await app.ApiAsync("jichu");
        var units = (await LiveApp.JsonAsync(await jichu.GetAsync("/api/v1/org-units?pageSize=500"))).GetProperty("items").EnumerateArray().ToList();
        var q01 = units.First(u => u.GetProperty("code").GetString() == "Q01").GetProperty("id").GetInt32();
        var assign = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{taskId}") { Content = JsonContent.Create(new { responsibleOrgUnitIds = new[] { q01 } }) };
        assign.Headers.TryAddWithoutValidation("If-Match", "*");
        await LiveApp.JsonAsync(await jichu.SendAsync(assign));

        // 江东区 gives 5 of the 12 kindergartens to its 第一中学 on the task page.
        var (district, districtErrors) = await SignInAsync("jiangdong");
        await district.GotoAsync($"/Tasks/{taskId}");
        await district.Locator("[data-testid=part-form] > summary").ClickAsync();
        await district.GetByTestId("part-schools").SelectOptionAsync(new SelectOptionValue { Label = "江东区第一中学" });
        await district.GetByTestId($"part-target-{targetId}").FillAsync("5");
        await district.GetByTestId("part-save").ClickAsync();
        await Assertions.Expect(district.GetByTestId("notice")).ToHaveTextAsync("已分解到学校，学校已收到通知");
        var row = district.GetByTestId("parts-table").Locator("tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("江东区第一中学");
        await Assertions.Expect(row).ToContainTextAsync("达到 5 所");

        // The school finds its part in 我的任务 and reports to the district.
        var (school, schoolErrors) = await SignInAsync("school");
        await school.GotoAsync("/MyTasks");
        var item = school.Locator("[data-testid=agenda-item]").Filter(new LocatorFilterOptions { HasText = "扩大普惠资源" }).First;
        await item.Locator("a").ClickAsync();
        await Assertions.Expect(school.GetByTestId("task-part")).ToBeVisibleAsync();
        await Assertions.Expect(school.GetByTestId("task-overseer")).ToContainTextAsync("江东区教育局");
        await school.GetByTestId("report-progress").FillAsync("40");
        await school.GetByTestId("report-narrative").FillAsync("已完成2所幼儿园的改扩建。");
        await school.Locator("[data-testid^=report-value-]").First.FillAsync("2");
        await school.GetByTestId("report-submit").ClickAsync();
        await Assertions.Expect(school.GetByTestId("notice")).ToHaveTextAsync("进展已报送，等待区县审核");
        var childUrl = school.Url;

        // 江东区 accepts it; its own report form then starts from the school's 2.
        await district.GotoAsync(childUrl);
        await district.Locator("li.report").First.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(district.GetByTestId("notice")).ToHaveTextAsync("已采纳该进展反馈");
        await district.GotoAsync($"/Tasks/{taskId}");
        await Assertions.Expect(district.GetByTestId($"report-value-{targetId}")).ToHaveValueAsync("2");
        await Assertions.Expect(district.GetByTestId($"from-schools-{targetId}")).ToContainTextAsync("江东区第一中学 2");
        Assert.True(districtErrors.Count == 0, string.Join("\n", districtErrors));
        Assert.True(schoolErrors.Count == 0, string.Join("\n", schoolErrors));
    }
}
