using System.Text.RegularExpressions;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 对1028幢校舍的加固改造工作: things that work is to be done to are counted as the things still to be done (待加固改造校舍), not as
/// the work.
/// </summary>
internal static class WorkToDo
{
    private static readonly Regex Work = new(@"^(?<thing>[^的，、]{1,10})的(?<work>[^的，、]{2,8})(工作|任务)(?<measure>面积)?$", RegexOptions.CultureInvariant);

    public static string Rewrite(string subject, string read, int figureStart)
    {
        if (subject.IndexOf('的') < 0 || read.LastIndexOf('对', Math.Max(0, figureStart - 1)) < 0)
        {
            return subject;
        }

        var m = Work.Match(subject);
        return !m.Success ? subject : "待" + m.Groups["work"].Value + m.Groups["thing"].Value + m.Groups["measure"].Value;
    }
}
