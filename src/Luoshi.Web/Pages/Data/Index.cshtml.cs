using Luoshi.Application.Data;
using Luoshi.Domain.Data;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.DataPages;

/// <summary>数据填报: the data sets the caller reports or oversees (<see cref="DataForms.SetsForAsync"/>), each opening its status list.</summary>
public sealed class IndexModel(DataForms forms) : PageModel
{
    public List<DataSet> Sets { get; private set; } = [];

    public bool MayDefine { get; private set; }

    public async Task OnGetAsync()
    {
        var caller = User.ToCaller();
        MayDefine = DataDefinitions.MayDefine(caller);
        Sets = await forms.SetsForAsync(caller, HttpContext.RequestAborted);
    }
}
