using Luoshi.Domain.Indicators;

namespace Luoshi.Domain.Tests;

public class IndicatorExpressionTests
{
    [Theory]
    [InlineData("#{GYYE}", "#{GYYE}")]
    [InlineData(" #{YE.公办} + #{YE . 民办 }", "#{YE.公办} + #{YE.民办}")]
    [InlineData("#{A}-#{B}+10", "#{A} - #{B} + 10")]
    [InlineData("-#{A}", "-#{A}")]
    public void Reads_elements_options_and_constants(string text, string normal)
    {
        var outcome = IndicatorExpression.Parse(text, "分子");
        Assert.Null(outcome.Problem);
        Assert.Equal(normal, outcome.Expression!.Text);
    }

    [Theory]
    [InlineData("", "分子不能为空")]
    [InlineData("#{A} +", "末尾缺少数据元")]
    [InlineData("#{A} #{B}", "两项之间只能用 + 或 -")]
    [InlineData("#{A", "缺少 }")]
    [InlineData("#{}", "缺少数据元代码")]
    [InlineData("#{A.}", "缺少分类名称")]
    [InlineData("#{A} * 2", "两项之间只能用 + 或 -")]
    [InlineData("10", "至少要有一个数据元")]
    [InlineData("#{A} + + #{B}", "运算符后缺少数据元")]
    [InlineData("GYYE", "应是 #{数据元代码} 或数字")]
    public void Explains_a_wrong_expression_in_Chinese(string text, string words)
    {
        var outcome = IndicatorExpression.Parse(text, "分子");
        Assert.Null(outcome.Expression);
        Assert.Contains(words, outcome.Problem!.ToChinese());
    }
}
