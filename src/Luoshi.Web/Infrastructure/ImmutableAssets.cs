using Microsoft.AspNetCore.StaticAssets;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// An asset asked for by its fingerprinted address (<c>site.hi6qtqyi6x.css</c>, as the pages link it) never changes under that
/// address, so browsers may keep it for good: <c>Cache-Control: max-age=31536000, immutable</c>. The build's asset manifest says
/// so only for published output; <c>./luoshi</c> runs the build output, so the header is set here. The plain address keeps revalidating.
/// </summary>
public sealed class ImmutableAssets(RequestDelegate next)
{
    public const string Forever = "public, max-age=31536000, immutable";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is { } asset && Fingerprinted(asset))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK) context.Response.Headers.CacheControl = Forever;
                return Task.CompletedTask;
            });
        }
        return next(context);
    }

    private static bool Fingerprinted(StaticAssetDescriptor asset) =>
        asset.Properties.Any(p => p.Name == "fingerprint" && asset.Route.Contains("." + p.Value + ".", StringComparison.Ordinal));
}
