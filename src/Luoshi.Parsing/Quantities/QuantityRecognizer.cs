using Luoshi.Parsing.Model;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>Turns the figures of one piece of text into <see cref="Quantity"/> records: clause, subject, comparator, kind.</summary>
public static class QuantityRecognizer
{
    /// <param name="limit">Figures beyond this many are not looked at (the caller refuses the document then).</param>
    /// <param name="planYear">The year the plan is for: a sentence that opens on an earlier year reports results.</param>
    /// <param name="lookingBack">The line before ended on ； inside a sentence that looks back (去年…52%；): that look-back runs on
    /// into this text's first sentence.</param>
    public static void Recognize(string original, bool review, List<Quantity> into, int limit = int.MaxValue, int? planYear = null, bool lookingBack = false)
    {
        // Traditional script is read as simplified; the clause and subject keep the text as written.
        var text = Traditional.Simplify(original);
        var (lastSentence, lastEnd, lastSubject) = (-1, -1, (string?)null);
        var sentenceSubjects = new List<string>();
        string? lastSpan = null; // the last span summed up (第一学期总周数), while durations follow it
        string? whole = null; // what a breakdown by place after 其中 divides up
        foreach (var raw in QuantityScanner.Scan(text, limit))
        {
            var (clauseStart, clauseEnd) = Clause(text, raw.Start, raw.End);
            var (sentenceStart, sentenceEnd) = Sentence(text, raw.Start, raw.End);
            var clause = original[clauseStart..clauseEnd];
            var readClause = ReferenceEquals(text, original) ? clause : text[clauseStart..clauseEnd]; // the same text unless simplified
            var before = text.AsSpan(clauseStart, raw.Start - clauseStart);
            var after = text.AsSpan(raw.End, Math.Min(text.Length - raw.End, 12));
            var done = DoneSoFar.Says(text, clauseStart, raw.Start, raw.End, clauseEnd);
            var carried = lookingBack && text.AsSpan(0, raw.Start).IndexOfAny(SentenceEnds) < 0;
            var periodStart = carried ? 0 : Period(text, sentenceStart);
            var kind = QuantityKindClassifier.Classify(raw, before, after, text.AsSpan(sentenceStart, raw.Start - sentenceStart), review, planYear, done,
                periodStart < sentenceStart ? text.AsSpan(periodStart, raw.Start - periodStart) : default, carried);
            if (lastSentence != sentenceStart)
            {
                sentenceSubjects.Clear();
            }

            var subject = AverageComparison.Complete(text, clauseStart, raw.Start, sentenceSubjects) ?? SubjectFinder.Find(clause, readClause, raw.Start - clauseStart, raw.End - clauseStart, raw.Unit,
                lastSentence == sentenceStart ? lastSubject : null);
            if (subject.Length < 2 && SpanDuration.Find(original, text, sentenceStart, raw.Start, raw.Unit) is { } span)
            {
                subject = span; // 第一学期从9月1日开始至1月15日结束，共二十周
            }
            else
            {
                subject = SpanDuration.PartOf(subject, raw.Unit, lastSpan);
            }

            lastSpan = SpanDuration.IsSpan(subject) ? subject : SubjectMeasure.IsDuration(raw.Unit) ? lastSpan : null;

            if (lastEnd >= 0 && raw.Start - lastEnd <= AdjacentFigures)
            {
                subject = ListedTitle.Complete(ListedAward.Complete(subject, lastSubject), lastSubject);
                if (lastSentence == sentenceStart)
                {
                    subject = SharedOwner.Complete(subject, lastSubject);
                }
            }

            subject = SetFrame.Find(original, text, sentenceStart, clauseEnd, raw.Start, raw.End, raw.Unit) ?? WithEvent(original, text, sentenceStart, subject);
            subject = MedalsOf.Complete(FollowingPredicate.Complete(subject, original, text, raw.End), lastSubject);
            subject = FundBefore.Complete(subject, raw.Unit, original, text, sentenceStart, clauseStart, raw.Start);
            subject = ClauseActor.Complete(subject, clause[..(raw.Start - clauseStart)], readClause[..(raw.Start - clauseStart)]);
            subject = QuotedTopic.Complete(subject, raw.Unit, original, text, sentenceStart, clauseStart, raw.Start);
            subject = SubjectTidy.Apply(subject, lastSentence == sentenceStart ? lastSubject : null,
                lastEnd >= 0 && lastEnd < text.Length && text[lastEnd] == '、' && raw.Start - lastEnd <= AdjacentFigures);
            if (lastSentence != sentenceStart)
            {
                whole = null;
            }
            else if (lastSubject is not null && IsPlace(subject) && text.AsSpan(sentenceStart, raw.Start - sentenceStart).Contains("其中", StringComparison.Ordinal))
            {
                whole ??= lastSubject; // 新建学校9所，其中：凉州区4所，古浪县4所 → 凉州区新建学校, 古浪县新建学校
                subject += whole;
            }

            (lastSentence, lastEnd, lastSubject) = (sentenceStart, raw.End, subject);
            sentenceSubjects.Add(subject);
            into.Add(new Quantity(Chars.TrimPunct(clause), raw.Value, raw.Upper, raw.Denominator,
                raw.Unit, subject, FloorStatement.Apply(raw.Comparator, text.AsSpan(raw.End, sentenceEnd - raw.End)), kind, raw.Placeholder));
        }
    }

    /// <summary>
    /// 公用经费的10%，工资总额的3%，这是最基本的培训经费要求: a sentence that calls its figures the minimum (是最基本的…要求,
    /// 是最低标准) makes each plain figure in it a floor.
    /// </summary>
    private static class FloorStatement
    {
        private static readonly string[] Openers = ["最基本的", "最低"];

        public static Comparator Apply(Comparator comparator, ReadOnlySpan<char> rest)
        {
            if (comparator != Comparator.Equal)
            {
                return comparator;
            }

            foreach (var opener in Openers)
            {
                var at = rest.IndexOf(opener, StringComparison.Ordinal);
                if (at < 1 || rest[at - 1] is not ('是' or '为'))
                {
                    continue; // 这是最基本的要求, 是最低标准: said of the figures before, not of another subject (最低标准超过…)
                }

                var tail = rest[(at + opener.Length)..];
                tail = tail.Length > 10 ? tail[..10] : tail;
                if (tail.Contains("要求", StringComparison.Ordinal) || tail.Contains("标准", StringComparison.Ordinal)
                    || tail.Contains("限度", StringComparison.Ordinal))
                {
                    return Comparator.AtLeast;
                }
            }

            return comparator;
        }
    }

    /// <summary>A place's name alone (凉州区, 古浪县, 华藏寺镇): a part of a breakdown by place counts what the whole counted.</summary>
    private static bool IsPlace(string subject) =>
        subject.Length is >= 2 and <= 6 && subject[^1] is '区' or '县' or '市' or '旗' or '镇' or '乡' or '州' && subject.All(Chars.IsCjk);

    /// <summary>The most characters between two figures of one list (二等奖6个，<u>三等奖</u>13个).</summary>
    private const int AdjacentFigures = 10;

    /// <summary>
    /// 在全省中职学生技能大赛中，获一等奖7个: an award counted in a sentence that opens on the event it was won in is that
    /// event's award (全省中职学生技能大赛一等奖).
    /// </summary>
    private static string WithEvent(string original, string text, int sentenceStart, string subject)
    {
        if (subject.Length == 0 || !(subject.EndsWith('奖') || subject.EndsWith('名') || subject.EndsWith('牌') || subject.EndsWith("冠军", StringComparison.Ordinal))
            || sentenceStart >= text.Length || text[sentenceStart] != '在')
        {
            return subject;
        }

        var close = text.IndexOf("中，", sentenceStart, Math.Min(40, text.Length - sentenceStart), StringComparison.Ordinal);
        if (close < 0)
        {
            close = text.IndexOf("中,", sentenceStart, Math.Min(40, text.Length - sentenceStart), StringComparison.Ordinal);
        }

        if (close <= sentenceStart + 3)
        {
            return subject;
        }

        var eventName = original[(sentenceStart + 1)..close];
        return subject.Contains(eventName, StringComparison.Ordinal) ? subject : eventName + subject;
    }

    private static (int Start, int End) Clause(string s, int start, int end)
    {
        var a = start;
        while (a > 0 && start - a < 60 && !IsClauseEnd(s[a - 1]))
        {
            a--;
        }

        var b = end;
        while (b < s.Length && b - end < 60 && !IsClauseEnd(s[b]))
        {
            b++;
        }

        return (a, b);
    }

    private static readonly System.Buffers.SearchValues<char> SentenceEnds = System.Buffers.SearchValues.Create("。！？!?");

    /// <summary>
    /// Whether a look-back runs on past the end of <paramref name="text"/> into the next line: the text ends on ； (its sentence
    /// goes on) and that sentence, from its last 。, looks back (<paramref name="lookingBack"/>: it already did at its start).
    /// </summary>
    public static bool RunsOnBack(string text, bool lookingBack, int? planYear)
    {
        var t = text.AsSpan().TrimEnd();
        if (t.Length == 0 || t[^1] is not ('；' or ';'))
        {
            return false;
        }

        var open = t.LastIndexOfAny(SentenceEnds) + 1;
        return PastYearContext.SentenceLooksBack(t[open..], planYear, lookingBack && open == 0);
    }

    /// <summary>
    /// Where the sentence that <paramref name="sentenceStart"/> belongs to opens when ；-parts run before it (…52%；\n我们…14人):
    /// the last 。 within reach; <paramref name="sentenceStart"/> itself when no ； stands right before it.
    /// </summary>
    private static int Period(string s, int sentenceStart)
    {
        var k = sentenceStart;
        while (k > 0 && (s[k - 1] == '\n' || Chars.IsSpace(s[k - 1])))
        {
            k--;
        }

        if (k == 0 || s[k - 1] is not ('；' or ';'))
        {
            return sentenceStart;
        }

        var a = k - 1;
        while (a > 0 && sentenceStart - a < 400 && !Chars.IsSentenceEnd(s[a - 1]))
        {
            a--;
        }

        return a;
    }

    private static (int Start, int End) Sentence(string s, int start, int end)
    {
        var a = start;
        while (a > 0 && start - a < 200 && !Chars.IsSentenceEnd(s[a - 1]) && s[a - 1] is not ('；' or ';'))
        {
            a--;
        }

        var b = end;
        while (b < s.Length && b - end < 200 && !Chars.IsSentenceEnd(s[b]) && s[b] is not ('；' or ';'))
        {
            b++;
        }

        return (a, b);
    }

    private static bool IsClauseEnd(char c) => c is '，' or ',' or '。' or '；' or ';' or '：' or ':' or '！' or '？' or '\n';
}
