namespace Yiwang.IntegrationTests.Infrastructure;

/// <summary>Waits for work the host does in the background (outbox delivery) to show.</summary>
public static class Eventually
{
    /// <summary>Until a condition holds (fails the test after the timeout).</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what = "the condition", int timeoutSeconds = 30) =>
        WaitAsync(condition, ok => ok, what, timeoutSeconds);

    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int timeoutSeconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting for {what}; last value: {value}");
            }

            await Task.Delay(200);
        }
    }
}
