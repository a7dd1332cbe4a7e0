using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages;

/// <summary>The Chinese sign-in page.</summary>
public sealed class LoginModel(Sessions sessions) : PageModel
{
    public string? Error { get; private set; }

    public string? Username { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl)
    {
        Username = username;
        ReturnUrl = Safe(returnUrl);
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            Error = "请输入用户名和密码";
            return Page();
        }
        var result = await sessions.SignInAsync(HttpContext, username, password);
        switch (result.Outcome)
        {
            case Sessions.Outcome.Succeeded:
                return LocalRedirect(ReturnUrl);
            case Sessions.Outcome.LockedOut:
                Error = "登录失败次数过多，请稍后再试";
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            default:
                Error = "用户名或密码错误，请重新输入";
                return Page();
        }
    }

    private static string Safe(string? returnUrl) => Infrastructure.LocalUrl.OrFallback(returnUrl);
}
