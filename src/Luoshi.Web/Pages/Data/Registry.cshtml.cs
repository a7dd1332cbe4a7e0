using Luoshi.Application.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.DataPages;

/// <summary>最多报一次: everything Luoshi asks of schools and districts, with the burden (<see cref="DataRegistry"/>).</summary>
public sealed class RegistryModel(DataRegistry registry) : PageModel
{
    public DataRegistry.Registry? Registry { get; private set; }

    public async Task OnGetAsync() => Registry = await registry.ReadAsync(HttpContext.RequestAborted);
}
