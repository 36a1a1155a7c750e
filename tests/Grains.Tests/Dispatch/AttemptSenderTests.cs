using System.Net;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.Dispatch;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

public sealed class AttemptSenderTests
{
    private readonly FakeTimeProvider _time = new(DispatchRequests.ScheduledAt);

    [Fact]
    public async Task SendAsync_TargetAnswers_ReportsItsStatusAndBody()
    {
        using var handler = new AnsweringHandler();
        var sender = Sender(handler);

        var outcome = await sender.SendAsync(DispatchRequests.For(DispatchRequests.Target("http://127.0.0.1:9/")), CancellationToken.None);

        Assert.Equal((200, ErrorClass.None, "ok", 2L), (outcome.Attempt.StatusCode, outcome.Attempt.ErrorClass, outcome.Attempt.ResponseBody, outcome.Attempt.ResponseSize));
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTheTargetsTimeout_IsATimeout()
    {
        using var handler = new HangingHandler();
        var sender = Sender(handler);

        var sending = sender.SendAsync(DispatchRequests.For(DispatchRequests.Target("http://127.0.0.1:9/", timeoutSeconds: 5)), CancellationToken.None);
        await handler.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(5));
        var outcome = await sending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((ErrorClass.Timeout, "No response within 5 s."), (outcome.Attempt.ErrorClass, outcome.Attempt.ErrorMessage));
    }

    [Fact]
    public async Task SendAsync_TheSiloStopsMidAttempt_CancelsTheRequestAndThrows()
    {
        using var handler = new HangingHandler();
        using var stopping = new CancellationTokenSource();
        var sender = Sender(handler);

        var sending = sender.SendAsync(DispatchRequests.For(DispatchRequests.Target("http://127.0.0.1:9/")), stopping.Token);
        await handler.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private AttemptSender Sender(HttpMessageHandler handler) => new(new HttpMessageInvoker(handler, disposeHandler: false), 1024, 1 << 20, _time);

    private sealed class AnsweringHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") });
        }
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("Not reached.");
        }
    }
}
