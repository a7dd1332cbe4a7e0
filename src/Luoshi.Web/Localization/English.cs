namespace Luoshi.Web.Localization;

/// <summary>English for the UI's Chinese words; a word missing here is shown in Chinese.</summary>
public static partial class English
{
    /// <summary>Every section's words in one lookup; a word listed twice keeps its first translation.</summary>
    public static IReadOnlyDictionary<string, string> Words => words.Value;

    private static readonly Lazy<Dictionary<string, string>> words = new(() =>
        Merge(Core(), PlanPages(), TaskPages(), SupervisionPages(), AnalyticsPages(), DashboardPage(), DataPages(), LinkedTargetText(), RankingPages(), EvaluationPage(), DataChecksPages(), NoticeStepPages()));

    private static Dictionary<string, string> Merge(params IReadOnlyDictionary<string, string>[] sections)
    {
        var words = new Dictionary<string, string>();
        foreach (var section in sections)
            foreach (var (chinese, english) in section)
                words.TryAdd(chinese, english);
        return words;
    }

    /// <summary>The layout, sign-in, administration and audit pages.</summary>
    private static Dictionary<string, string> Core() => new()
    {
        ["落实"] = "Luoshi",
        ["教育工作任务落实平台"] = "Education work-plan tracking",
        ["首页"] = "Home",
        ["系统管理"] = "Administration",
        ["单位管理"] = "Org units",
        ["用户管理"] = "Users",
        ["批量导入"] = "Import",
        ["节假日与调休"] = "Holidays",
        ["退出登录"] = "Sign out",
        ["我的账号"] = "My account",
        ["已登录的设备"] = "Where you are signed in",
        ["已退出该设备"] = "Signed out on that device",
        ["设备"] = "Device",
        ["地址"] = "Address",
        ["登录时间"] = "Signed in",
        ["最近使用"] = "Last used",
        ["当前设备"] = "this device",
        ["退出"] = "Sign out",
        ["在所有设备上退出登录"] = "Sign out everywhere",
        ["登录"] = "Sign in",
        ["用户名"] = "User name",
        ["密码"] = "Password",
        ["用户名或密码错误，请重新输入"] = "Wrong user name or password",
        ["登录失败次数过多，请稍后再试"] = "Too many failed attempts; try again later",
        ["请输入用户名和密码"] = "Enter your user name and password",
        ["欢迎，{0}"] = "Welcome, {0}",
        ["您的单位"] = "Your unit",
        ["您的角色"] = "Your role",
        ["我的任务"] = "My tasks",
        ["工作计划"] = "Plans",
        ["下属单位"] = "Units below",
        ["个"] = "",
        ["处室"] = "Departments",
        ["区县"] = "Districts",
        ["学校"] = "Schools",
        ["用户"] = "Users",
        ["代码"] = "Code",
        ["名称"] = "Name",
        ["类型"] = "Kind",
        ["上级单位"] = "Parent",
        ["操作"] = "Actions",
        ["新增单位"] = "Add unit",
        ["新增用户"] = "Add user",
        ["保存"] = "Save",
        ["取消"] = "Cancel",
        ["编辑"] = "Edit",
        ["姓名"] = "Name",
        ["角色"] = "Role",
        ["所属单位"] = "Unit",
        ["状态"] = "Status",
        ["正常"] = "Active",
        ["已停用"] = "Disabled",
        ["停用"] = "Disable",
        ["初始密码"] = "Initial password",
        ["新密码（不修改请留空）"] = "New password (leave empty to keep)",
        ["下载导入模板"] = "Download template",
        ["上传并导入"] = "Upload and import",
        ["选择 .xlsx 文件"] = "Choose an .xlsx file",
        ["导入失败，未导入任何数据"] = "Import failed; nothing was imported",
        ["导入成功"] = "Imported",
        ["已保存"] = "Saved",
        ["共 {0} 个"] = "{0} in all",
        ["搜索"] = "Search",
        ["语言"] = "Language",
        ["English"] = "English",
        ["中文"] = "中文",
        ["菜单"] = "Menu",
        ["系统管理员"] = "Administrator",
        ["局领导"] = "Bureau leader",
        ["督查督导"] = "Supervisor",
        ["区县教育局"] = "District bureau",
        ["教育局"] = "Bureau",
        ["一个表格同时导入单位和用户：工作表“单位”（代码、名称、类型、上级代码）和“用户”（用户名、姓名、角色、单位代码，可加一列初始密码）。类型和角色可填中文（如区县、学校、处室）。没有指定初始密码的用户由系统生成密码，导入后只显示一次。有任何一行出错时，整个文件都不会导入，并列出所有出错的行。"] =
            "One spreadsheet imports units and users: sheet 单位 (code, name, kind, parent code) and sheet 用户 (user name, name, role, unit code, optionally an initial password). Kinds and roles may be written in Chinese (区县, 学校, 处室). Users given no initial password get one made up, shown once after the import. If any row is wrong, nothing is imported and every bad row is listed.",
        ["以下用户的初始密码由系统生成，只显示这一次，请转交本人并提醒登录后修改："] =
            "These users' initial passwords were made up and are shown only this once; pass them on and ask each user to change it after signing in:",
        ["该记录在您读取之后已被他人修改，请刷新查看最新内容后再提交"] = "Someone changed this record after you opened it; reload to see the latest version",
        ["无"] = "None",
        ["返回"] = "Back",
        ["任务落实"] = "Delivery",
        ["进度安排"] = "Schedule",
        ["工作日历"] = "Calendar",
        ["通知"] = "Notifications",
        ["通知（{0} 条未读）"] = "Notifications ({0} unread)",
        ["搜索计划、任务、反馈"] = "Search plans, tasks, reports",
        ["审计日志"] = "Audit trail",
        ["每一次修改、登录和导出都记录在这里：谁、何时、从哪个地址、改了什么。审计日志只能查看和导出，不能修改或删除。"] =
            "Every change, sign-in and export is recorded here: who, when, from which address, and what changed. The trail can be read and exported, never changed or deleted.",
        ["对象"] = "Record",
        ["对象编号"] = "Record id",
        ["全部"] = "All",
        ["用户编号"] = "User id",
        ["开始日期"] = "From",
        ["结束日期"] = "To",
        ["筛选"] = "Filter",
        ["导出 CSV"] = "Export CSV",
        ["共 {0} 条"] = "{0} entries",
        ["时间（北京时间）"] = "Time (Beijing)",
        ["修改前"] = "Before",
        ["修改后"] = "After",
        ["IP 地址"] = "IP address",
        ["上一页"] = "Previous",
        ["下一页"] = "Next",
        ["第 {0} / {1} 页"] = "Page {0} of {1}",
        ["新增"] = "Created",
        ["修改"] = "Changed",
        ["删除"] = "Delete",
        ["登录失败"] = "Sign-in failed",
        ["登录成功"] = "Signed in",
        ["导出"] = "Exported",
    };
}
