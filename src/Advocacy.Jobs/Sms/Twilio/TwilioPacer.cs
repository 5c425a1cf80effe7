namespace Advocacy.Jobs.Sms.Twilio;

/// <summary>
/// Spaces requests to Twilio at the provisioned rate, shared by every send in the process (a singleton), so
/// Twilio's queue never grows faster than carriers drain it. Clock-based: each caller reserves the next slot.
/// </summary>
public sealed class TwilioPacer(double messagesPerSecond, TimeProvider time)
{
    private readonly long _interval = messagesPerSecond > 0 ? (long)(time.TimestampFrequency / messagesPerSecond) : 0;
    private readonly Lock _gate = new();
    private long _next;

    public async Task WaitTurnAsync(CancellationToken ct)
    {
        if (_interval == 0) return;
        long now, slot;
        lock (_gate)
        {
            now = time.GetTimestamp();
            slot = Math.Max(now, _next);
            _next = slot + _interval;
        }
        var wait = time.GetElapsedTime(now, slot);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
    }
}
