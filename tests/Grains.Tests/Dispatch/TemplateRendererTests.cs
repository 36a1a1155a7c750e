using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed class TemplateRendererTests
{
    private static readonly TemplateValues Values =
        new("sched-1", "run-9", 42, new DateTimeOffset(2026, 11, 23, 6, 0, 0, 250, TimeSpan.FromHours(1)), 3);

    [Theory]
    // Each variable
    [InlineData("{{schedule_id}}", "sched-1")]
    [InlineData("{{run_id}}", "run-9")]
    [InlineData("{{occurrence}}", "42")]
    [InlineData("{{scheduled_at}}", "2026-11-23T05:00:00.250Z")]
    [InlineData("{{scheduled_at_unix}}", "1795410000")]
    [InlineData("{{attempt}}", "3")]
    // Mixed with text, repeated, spaced
    [InlineData("{\"run\":\"{{run_id}}\",\"n\":{{attempt}}}", "{\"run\":\"run-9\",\"n\":3}")]
    [InlineData("{{run_id}}/{{run_id}}", "run-9/run-9")]
    [InlineData("a {{ run_id }} b", "a run-9 b")]
    [InlineData("{{{{run_id}}", "{{run-9")]
    // Left as written
    [InlineData("{{unknown}} {{run_id}}", "{{unknown}} run-9")]
    [InlineData("{{run_id", "{{run_id")]
    [InlineData("{{run_id}} {{", "run-9 {{")]
    [InlineData("}} {run_id}", "}} {run_id}")]
    [InlineData("", "")]
    public void Render_Template_ReplacesKnownVariables(string template, string expected)
    {
        var rendered = TemplateRenderer.Render(template, Values);

        Assert.Equal(expected, rendered);
    }

    [Fact]
    public void Render_WithoutPlaceholders_ReturnsSameInstance()
    {
        var template = "{\"static\": true}";

        var rendered = TemplateRenderer.Render(template, Values);

        Assert.Same(template, rendered);
    }

    [Fact]
    public void Render_WithOnlyUnknownPlaceholders_ReturnsSameInstance()
    {
        var template = "{{nothing}} to {{see}}";

        var rendered = TemplateRenderer.Render(template, Values);

        Assert.Same(template, rendered);
    }

    [Fact]
    public void Render_WithoutPlaceholders_DoesNotAllocate()
    {
        var template = new string('x', 10_000);
        TemplateRenderer.Render(template, Values);

        var before = GC.GetAllocatedBytesForCurrentThread();
        TemplateRenderer.Render(template, Values);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Render_LongTemplate_RendersPastTheStackBuffer()
    {
        var filler = new string('x', 1000);
        var template = filler + "{{occurrence}}" + filler;

        var rendered = TemplateRenderer.Render(template, Values);

        Assert.Equal(filler + "42" + filler, rendered);
    }

    [Fact]
    public void FormatInstant_OffsetInstant_IsUtcWithMilliseconds()
    {
        var instant = new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(2));

        var formatted = TemplateRenderer.FormatInstant(instant);

        Assert.Equal("2026-03-29T00:30:00.000Z", formatted);
    }
}
