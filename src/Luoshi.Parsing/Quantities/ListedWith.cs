using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 分别出台了高考兴趣小组组队、新教师招聘、抵制有偿家教等6个政策意见: a list closed by 等 and a count after a verb in the past
/// (出台了) counts what was done (出台的政策意见), not the last member of the list.
/// </summary>
internal static class ListedWith
{
    public static string? Find(string read, int figureStart, string noun)
    {
        if (figureStart < 1 || read[figureStart - 1] != '等')
        {
            return null;
        }

        var done = read.LastIndexOf('了', figureStart - 1);
        if (done < 2 || read.IndexOf('、', done, figureStart - done) < 0 || !Chars.IsCjk(read[done - 1]) || !Chars.IsCjk(read[done - 2]))
        {
            return null;
        }

        return read[(done - 2)..done] + "的" + noun;
    }
}
