using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>
/// Rewrites in place every stored copy of one advocate's personal data. Two steps:
/// <list type="number">
/// <item>Their own stream, event by event, with Marten's event data masking and the typed rules below (name, phone, email,
/// association, free texts, consent proof). It commits on its own, before the tombstone: it only ever removes data, so a
/// failure after it leaves a record that a second erase finishes.</item>
/// <item>Everything else, queued on the session so it commits with <see cref="AdvocateErased"/>: free texts in their
/// deliveries, inbound SMS, the development recorder's copies and import error rows become "[erased]"; then their phone
/// and email are removed from every document and event of the schema (other streams included), and their name wherever
/// a row names them by id.</item>
/// </list>
/// Statuses, ids, countries, alert and campaign ids are untouched, so funnels, campaign figures and counts stay as they were.
/// </summary>
public static class Erasure
{
    public const string ErasedName = "Erased advocate";
    public const string ErasedText = "[erased]";

    public static StoreOptions AddErasureMasking(this StoreOptions opts)
    {
        var events = opts.Events;
        events.AddMaskingRuleForProtectedInformation<AdvocateEnrolled>(e => e with { Name = ErasedName, Phone = "", Email = null, Association = null });
        events.AddMaskingRuleForProtectedInformation<ContactDetailsChanged>(e => e with { Name = ErasedName, Phone = "", Email = null, Association = null });
        events.AddMaskingRuleForProtectedInformation<PhoneMarkedUndeliverable>(e => e with { Phone = "" });
        events.AddMaskingRuleForProtectedInformation<ReplyReceived>(e => e with { Text = ErasedText });
        events.AddMaskingRuleForProtectedInformation<ActionTaken>(e => e with { Text = e.Text is null ? null : ErasedText });
        events.AddMaskingRuleForProtectedInformation<ConsentGiven>(e => e with { Evidence = Masked(e.Evidence) });
        events.AddMaskingRuleForProtectedInformation<OptedOut>(e => e with { Evidence = Masked(e.Evidence) });
        events.AddMaskingRuleForProtectedInformation<OptedIn>(e => e with { Evidence = Masked(e.Evidence) });
        events.AddMaskingRuleForProtectedInformation<FormSubmitted>(e => e with
        {
            Role = e.Role is null ? null : ErasedText, Organisation = e.Organisation is null ? null : ErasedText, IpHash = null,
        });
        events.AddMaskingRuleForProtectedInformation<EmailConfirmationRequested>(e => e with { Email = "", Evidence = Masked(e.Evidence)! });
        events.AddMaskingRuleForProtectedInformation<EmailConfirmed>(e => e with { Email = "" });
        return opts;
    }

    private static ConsentEvidence? Masked(ConsentEvidence? e) =>
        e is null ? null : e with { RawText = e.RawText is null ? null : ErasedText, IpHash = null };

    /// <summary>Step 1: the advocate's own stream, rewritten by the masking rules (its own transaction).</summary>
    public static Task MaskStream(IDocumentSession session, Guid advocateId, CancellationToken ct = default) =>
        session.DocumentStore.Advanced.ApplyEventDataMasking(x => x.IncludeStream(advocateId), ct);

    /// <summary>Step 2: every other copy, on the session's transaction.</summary>
    public static async Task QueueScrub(IDocumentSession session, Advocate advocate)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var tables = await session.QueryAsync<string>(
            "select table_name from information_schema.columns where table_schema = ? and column_name = 'data' and data_type = 'jsonb'",
            schema);
        var id = advocate.Id.ToString();

        // Free texts first, while the phone still identifies the recorder's copies.
        if (tables.Contains("mt_doc_delivery"))
            session.QueueSqlCommand(
                $"update {schema}.mt_doc_delivery set data = jsonb_set(data, '{{body}}', to_jsonb(?::text)) where data ->> 'advocateId' = ?", ErasedText, id);
        if (tables.Contains("mt_doc_inboundmessage"))
            session.QueueSqlCommand(
                $"update {schema}.mt_doc_inboundmessage set data = jsonb_set(data, '{{body}}', to_jsonb(?::text)) where data ->> 'advocateId' = ?", ErasedText, id);
        if (tables.Contains("mt_doc_recordedsms") && advocate.HasPhone)
            session.QueueSqlCommand(
                $"update {schema}.mt_doc_recordedsms set data = jsonb_set(data, '{{body}}', to_jsonb(?::text)) where data ->> 'phone' = ?", ErasedText, advocate.Phone);

        // Import error rows keep the cells as typed ("0722 987 654"): a row naming them by phone, email or name is emptied.
        if (tables.Contains("mt_doc_importrowerror"))
        {
            var typed = Pattern(advocate.Name, advocate.Email, advocate.ConfirmedEmail) is { } words ? new List<string> { words } : [];
            if (Phones.NationalDigits(advocate.Phone) is { } digits) typed.Add(string.Join(@"[\s().-]*", digits.ToCharArray()));
            if (typed.Count > 0)
                session.QueueSqlCommand(
                    $"update {schema}.mt_doc_importrowerror set data = jsonb_set(data, '{{values}}', " +
                    "coalesce((select jsonb_agg(to_jsonb(?::text)) from jsonb_array_elements(data -> 'values')), '[]'::jsonb)) " +
                    "where (data -> 'values')::text ~* ?", ErasedText, string.Join("|", typed));
        }

        var contact = Pattern(advocate.Phone, advocate.Email, advocate.ConfirmedEmail, advocate.PendingConfirmation?.Email);
        var name = Pattern(advocate.Name);
        var namesThem = $"%{id}%";
        foreach (var table in tables)
        {
            // The name is a common string: replaced only in rows that carry the advocate's id.
            var scrubbed = contact is null
                ? "regexp_replace(data::text, ?, ?, 'gi')"
                : "regexp_replace(regexp_replace(data::text, ?, '', 'gi'), ?, ?, 'gi')";
            var unnamed = contact is null ? "data::text" : "regexp_replace(data::text, ?, '', 'gi')";
            var sql = $"update {schema}.{table} set data = (case when data::text ilike ? then {scrubbed} else {unnamed} end)::jsonb " +
                      $"where data::text ilike ? and data::text ~* ?" + (contact is null ? "" : " or data::text ~* ?");
            object[] args = contact is null
                ? [namesThem, name!, ErasedName, namesThem, name!]
                : [namesThem, contact, name!, ErasedName, contact, namesThem, name!, contact];
            session.QueueSqlCommand(sql, args);
        }
    }

    /// <summary>A case-insensitive PostgreSQL regex matching any of the values literally (null when there is none).</summary>
    private static string? Pattern(params string?[] values)
    {
        var literal = values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(v => string.Concat(v!.Select(c => char.IsLetterOrDigit(c) ? c.ToString() : "\\" + c))).ToList();
        return literal.Count == 0 ? null : string.Join("|", literal);
    }
}
