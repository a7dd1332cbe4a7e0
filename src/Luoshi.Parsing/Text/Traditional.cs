
namespace Luoshi.Parsing.Text;

/// <summary>
/// Reads traditional script as simplified, character for character, so that positions stay the same and the caller
/// can keep the original text (億→亿, 萬→万, 達到→达到, 不低於→不低于). Only the characters the figure, unit,
/// comparator and kind rules read are mapped, and the words of a title and a page line.
/// </summary>
public static class Traditional
{
    private const string From = "億萬達於個項場點區縣數師級內為與實現確爭務開辦園員門間條臺張歲屆時週節冊畝組隊處輛噸層輪類種戶劃總計學習"
        + "過去經費現已獲榮積累較長標準億元資產業專職訓練額達齊"
        + "創設築護擴規劃辦質優應幫導衛傳論證據隨應術體驗續強將會議報告議題顯豐碩歷"
        + "發關見結講話決綱細則號瀏覽閱讀擊來編輯網責單牽頭協負監財鄉鎮紀"; // the words of a title, a notice, a page line and a unit label (關於印發…的通知, 瀏覽, 責任單位)

    private const string To = "亿万达于个项场点区县数师级内为与实现确争务开办园员门间条台张岁届时周节册亩组队处辆吨层轮类种户划总计学习"
        + "过去经费现已获荣积累较长标准亿元资产业专职训练额达齐"
        + "创设筑护扩规划办质优应帮导卫传论证据随应术体验续强将会议报告议题显丰硕历"
        + "发关见结讲话决纲细则号浏览阅读击来编辑网责单牵头协负监财乡镇纪";

    private static readonly char[] Map = BuildMap();

    private static char[] BuildMap()
    {
        var map = new char[0x9FFF - 0x4E00 + 1];
        for (var i = 0; i < From.Length; i++)
        {
            map[From[i] - 0x4E00] = To[i];
        }

        return map;
    }

    /// <summary>The characters <see cref="Map"/> changes, found by one vectorised search instead of a look-up per character.</summary>
    private static readonly System.Buffers.SearchValues<char> Changed = System.Buffers.SearchValues.Create(ChangedChars());

    private static string ChangedChars()
    {
        var changed = new System.Text.StringBuilder();
        for (var i = 0; i < Map.Length; i++)
        {
            if (Map[i] != '\0' && Map[i] != (char)(i + 0x4E00))
            {
                changed.Append((char)(i + 0x4E00));
            }
        }

        return changed.ToString();
    }

    /// <summary>The text with traditional characters read as simplified; the same instance when there are none.</summary>
    public static string Simplify(string text)
    {
        var first = text.AsSpan().IndexOfAny(Changed);
        if (first < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c < '\u4e00' || c > '\u9fff')
            {
                continue;
            }

            var m = Map[c - 0x4E00];
            if (m != '\0')
            {
                chars[i] = m;
            }
        }

        return new string(chars);
    }
}
