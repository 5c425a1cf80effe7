using Advocacy.Domain.Advocates;
using Advocacy.Domain.Messaging;
using Advocacy.Jobs.Sms;
using Hangfire;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;
using static Advocacy.Jobs.Messaging.Conflicts;

namespace Advocacy.Jobs.Messaging;

/// <summary>
/// Reads back from the provider the deliveries still "sent" long after they went out (their status callback came while
/// the app was down), a batch per run, paced at half the sending rate so the reads never hold up sends. Each answer is
/// applied through the status callback's own handler.
/// </summary>
public sealed partial class ReconcileDeliveriesJob(
    IDocumentStore store, ISmsProvider sms, IMessageBus bus, MessagingSettings settings, TimeProvider clock,
    ILogger<ReconcileDeliveriesJob> log)
{
    public const string Id = "reconcile-delivery-statuses";
    private const int MaxBatch = 500;
    private const double UnpacedReadsPerSecond = 10;

    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)] // the next run picks up what this one could not read
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (sms is not ISmsStatusReader provider) return 0; // the development recorder is the phone: nothing to read back
        var due = await MarkDueAsync(clock.GetUtcNow(), ct);
        var gap = TimeSpan.FromSeconds(1 / ReadsPerSecond);
        foreach (var delivery in due)
        {
            if (await ReadAsync(provider, delivery, ct) is { } read
                && StatusReconciliation.Read(delivery, read.Status, read.ErrorCode) is { } callback)
                await ApplyAsync(callback, ct);
            await Task.Delay(gap, clock, ct);
        }
        return due.Count;
    }

    private double ReadsPerSecond => sms.MessagesPerSecond > 0 ? sms.MessagesPerSecond / 2 : UnpacedReadsPerSecond;

    /// <summary>As many as one run reads within its interval at the paced rate.</summary>
    private int BatchSize => Math.Clamp((int)(ReadsPerSecond * settings.RecoveryInterval.TotalSeconds * 0.8), 1, MaxBatch);

    /// <summary>Marks the next check of each due delivery before asking, so a crash or a second node does not ask twice.</summary>
    private async Task<List<Delivery>> MarkDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var after = settings.StatusReconcileAfter;
        var (handedBefore, oldest, provider) = (now - after, now - StatusReconciliation.GiveUpAfter, sms.Name);
        await using var session = store.LightweightSession();
        var candidates = await session.Query<Delivery>()
            .Where(d => d.Status == DeliveryStatus.Sent && d.Channel == Channel.Sms && d.Provider == provider && d.ProviderMessageId != null
                        && d.ClaimedAt > oldest && ((d.StatusCheckAt == null && d.ClaimedAt < handedBefore) || d.StatusCheckAt < now))
            .OrderBy(d => d.ClaimedAt).Take(BatchSize).ToListAsync(ct);
        var due = candidates.Where(d => StatusReconciliation.IsDue(d, now, after)).ToList();
        if (due.Count == 0) return due;
        foreach (var delivery in due) session.Store(StatusReconciliation.Checking(delivery, now, after));
        try
        {
            await session.SaveChangesAsync(ct);
            return due;
        }
        catch (Exception e) when (IsConcurrencyConflict(e))
        {
            return []; // a callback landed on one of them meanwhile: the next run reads the rest
        }
    }

    private async Task<ProviderMessageStatus?> ReadAsync(ISmsStatusReader provider, Delivery delivery, CancellationToken ct)
    {
        try
        {
            return await provider.FetchStatusAsync(delivery.ProviderMessageId!, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogUnread(delivery.Id, e.Message); // asked again at its next check
            return null;
        }
    }

    private async Task ApplyAsync(RecordDeliveryStatus callback, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await bus.InvokeAsync(callback, ct);
                return;
            }
            // A real callback for the same message landed meanwhile: the handler re-reads and decides again.
            catch (Exception e) when (IsConcurrencyConflict(e) && attempt < 3)
            {
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not read the status of delivery {DeliveryId} from the provider: {Error}")]
    private partial void LogUnread(Guid deliveryId, string error);
}
