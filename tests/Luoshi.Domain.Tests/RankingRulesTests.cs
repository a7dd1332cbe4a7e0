using Luoshi.Domain.Rankings;

namespace Luoshi.Domain.Tests;

/// <summary>
/// The ranking's scoring rules: weights sum to 100, a not-applicable criterion's weight is shared out proportionally, a
/// unit with nothing to measure is not ranked last, equal scores share a rank; and, over many random fixtures, one more
/// task done never lowers a unit's task part or its score.
/// </summary>
public sealed class RankingRulesTests
{
    private static readonly SchemeCriterion[] Scheme = [new("tasks", "任务按时完成率", 40), new("reports", "进展反馈按时率", 20),
        new("notices", "督办按时答复率", 20), new("rectification", "整改完成率", 20)];

    private static RankingInput Unit(int id, string code, params (string Key, int Due, int Met)[] measures) =>
        new(id, code, code, measures.ToDictionary(m => m.Key, m => new Measure(m.Due, m.Met, [])));

    [Fact]
    public void Weights_must_sum_to_exactly_100()
    {
        Assert.Null(AssessmentScheme.Check(Scheme));
        var off = AssessmentScheme.Check([new("tasks", "任务按时完成率", 40), new("reports", "进展反馈按时率", 50)]);
        Assert.Equal("各项考核指标的权重之和应为 100，现为 90", off!.ToChinese());
        Assert.Equal(Problems.ProblemKind.Unreadable, off.Kind);
        Assert.NotNull(AssessmentScheme.Check([new("tasks", "任务按时完成率", 100.5m)]));
        Assert.NotNull(AssessmentScheme.Check([new("tasks", "任务按时完成率", 110), new("reports", "进展反馈按时率", -10)]));
        Assert.NotNull(AssessmentScheme.Check([new("tasks", "任务按时完成率", 50), new("tasks", "任务按时完成率", 50)]));
        Assert.NotNull(AssessmentScheme.Check([]));
    }

    [Fact]
    public void A_criterion_with_nothing_due_shares_its_weight_among_the_units_other_criteria_in_proportion()
    {
        // Only tasks (40) and notices (20) apply: 60 points → tasks 66.67, notices 33.33. All met → 100, not 60.
        var unit = RankingRules.Rank(Scheme, [Unit(1, "A", ("tasks", 3, 3), ("notices", 2, 2), ("reports", 0, 0))]).Single();
        Assert.Equal(100m, unit.Score);
        Assert.Equal([66.67m, 0, 33.33m, 0], unit.Parts.Select(p => p.EffectiveWeight));
        Assert.Equal([true, false, true, false], unit.Parts.Select(p => p.Applicable));
    }

    [Fact]
    public void A_unit_with_no_applicable_criterion_is_unranked_and_listed_after_every_ranked_unit_never_last_by_accident()
    {
        var ranked = RankingRules.Rank(Scheme, [Unit(1, "A"), Unit(2, "B", ("tasks", 4, 0)), Unit(3, "C", ("notices", 1, 1))]);
        Assert.Equal([("C", 100m, 1), ("B", 0m, 2)], ranked.Where(u => u.Rank is not null).Select(u => (u.Code, u.Score!.Value, u.Rank!.Value)));
        Assert.Equal(("A", null, null), ranked.Select(u => (u.Code, u.Score, u.Rank)).Last());
    }

    [Fact]
    public void Over_random_fixtures_a_unit_with_no_applicable_criterion_is_never_ranked_and_never_listed_before_a_ranked_unit()
    {
        var random = new Random(20261129);
        for (var run = 0; run < 1000; run++)
        {
            var units = Enumerable.Range(1, random.Next(1, 9)).Select(id =>
            {
                (string, int, int)[] measures = random.Next(3) == 0 ? [] : Scheme.Where(_ => random.Next(2) == 0).Select(c =>
                {
                    var due = random.Next(0, 4);
                    return (c.Key, due, random.Next(0, due + 1));
                }).ToArray();
                // Approved 加分/减分 too: even a large penalty on the ranked units does not put an unmeasured unit above them.
                return Unit(id, $"U{id:00}", measures) with { Adjustment = random.Next(-10, 11) };
            }).ToList();
            var ranked = RankingRules.Rank(Scheme, units);
            var nothing = units.Where(u => !u.Measures.Values.Any(m => m.Applicable)).Select(u => u.OrgUnitId).ToHashSet();
            Assert.All(ranked.Where(u => nothing.Contains(u.OrgUnitId)), u => Assert.Equal((null, null), (u.Score, u.Rank)));
            Assert.All(ranked.Where(u => !nothing.Contains(u.OrgUnitId)), u => Assert.NotNull(u.Rank));
            var firstUnranked = ranked.TakeWhile(u => u.Rank is not null).Count();
            Assert.True(ranked.Skip(firstUnranked).All(u => u.Rank is null), $"run {run}: an unmeasured unit listed before a ranked one");
            Assert.Equal(units.Count - nothing.Count, firstUnranked);
        }
    }

    [Fact]
    public void An_approved_adjustment_moves_the_score_by_exactly_its_points()
    {
        var plain = RankingRules.Rank(Scheme, [Unit(1, "A", ("tasks", 3, 2), ("notices", 1, 1))]).Single();
        var adjusted = RankingRules.Rank(Scheme, [Unit(1, "A", ("tasks", 3, 2), ("notices", 1, 1)) with { Adjustment = -2.5m }]).Single();
        Assert.Equal(plain.Score - 2.5m, adjusted.Score);
        Assert.Equal(-2.5m, adjusted.Adjustment);
        Assert.Equal(plain.Parts.Select(p => p.Points), adjusted.Parts.Select(p => p.Points));
        Assert.Null(RankingRules.Rank(Scheme, [Unit(2, "B") with { Adjustment = 5 }]).Single().Score);
    }

    [Fact]
    public void Equal_scores_share_a_rank_are_listed_by_code_and_the_next_rank_is_skipped()
    {
        var ranked = RankingRules.Rank(Scheme, [Unit(1, "Q03", ("tasks", 2, 1)), Unit(2, "Q01", ("tasks", 4, 2)), Unit(3, "Q02", ("tasks", 1, 1)),
            Unit(4, "Q04", ("tasks", 3, 0))]);
        Assert.Equal([("Q02", 1), ("Q01", 2), ("Q03", 2), ("Q04", 4)], ranked.Select(u => (u.Code, u.Rank!.Value)));
    }

    [Fact]
    public void One_more_task_done_never_lowers_a_units_task_part_or_score()
    {
        var random = new Random(20261105);
        for (var run = 0; run < 2000; run++)
        {
            (string, int, int) Random(string key)
            {
                var due = random.Next(0, 6);
                return (key, due, random.Next(0, due + 1));
            }
            var measures = Scheme.Select(c => Random(c.Key)).ToArray();
            var (_, due, met) = measures[0];
            if (met == due) continue;
            var before = RankingRules.Rank(Scheme, [Unit(1, "A", measures)]).Single();
            measures[0] = ("tasks", due, met + 1);
            var after = RankingRules.Rank(Scheme, [Unit(1, "A", measures)]).Single();
            Assert.True(after.Parts[0].Points > before.Parts[0].Points, $"run {run}: {before.Parts[0].Points} → {after.Parts[0].Points}");
            Assert.True(after.Score > before.Score, $"run {run}: {before.Score} → {after.Score}");
        }
    }

    /// <summary>
    /// Fair denominators: every criterion is a rate over the unit's own items, so a unit twice the size with the same
    /// proportions (twice the tasks due and done, twice the reports, notices and findings, on time in the same share)
    /// scores exactly the same and keeps its rank, over many random fixtures.
    /// </summary>
    [Fact]
    public void Over_random_fixtures_doubling_a_units_size_with_the_same_proportions_does_not_change_its_score_or_rank()
    {
        SchemeCriterion[] scheme = [new("tasks", "任务按时完成率", 30), new("targets", "目标达成率", 25), new("reports", "进展反馈按时率", 15),
            new("notices", "督办按时答复率", 15), new("rectification", "整改完成率", 15)];
        var random = new Random(20261130);
        for (var run = 0; run < 1000; run++)
        {
            var units = Enumerable.Range(1, random.Next(2, 9)).Select(id => Unit(id, $"U{id:00}", [.. scheme.Where(_ => random.Next(4) > 0).Select(c =>
            {
                var due = random.Next(0, 12);
                return (c.Key, due, random.Next(0, due + 1));
            })]) with { Adjustment = random.Next(-3, 4) }).ToList();
            var chosen = random.Next(units.Count);
            var factor = random.Next(2, 5);
            var bigger = units.Select((u, i) => i != chosen ? u : u with
            {
                Measures = u.Measures.ToDictionary(kv => kv.Key, kv => new Measure(kv.Value.Due * factor, kv.Value.Met * factor, kv.Value.Ids)),
            }).ToList();
            var before = RankingRules.Rank(scheme, units).Single(u => u.OrgUnitId == units[chosen].OrgUnitId);
            var after = RankingRules.Rank(scheme, bigger).Single(u => u.OrgUnitId == units[chosen].OrgUnitId);
            Assert.True((before.Score, before.Rank) == (after.Score, after.Rank), $"run {run}: {before.Score} #{before.Rank} became {after.Score} #{after.Rank} at ×{factor}");
            Assert.Equal(before.Parts.Select(p => (p.Value, p.Points)), after.Parts.Select(p => (p.Value, p.Points)));
        }
    }
}
