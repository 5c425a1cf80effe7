using System.Text;
using Marten;

namespace Advocacy.Domain.Advocates;

/// <summary>
/// Rewrites in place every stored copy of one advocate's personal data, queued on the session so it commits with the
/// <see cref="AdvocateErased"/> event. Marten has no built-in masking we could use here, so it is SQL over the jsonb:
/// free texts they wrote or were sent become "[erased]" (their stream's replies, action texts, consent proof; their
/// deliveries' bodies; their inbound SMS; the development recorder's copies), then their phone and email are removed from
/// every document and event of the schema, and their name is replaced wherever a row names them by id. Statuses, ids,
/// countries, alert and campaign ids are untouched, so funnels, campaign figures and attendance counts stay as they were.
/// </summary>
public static class Erasure
{
    public const string ErasedName = "Erased advocate";
    public const string ErasedText = "[erased]";

    public static async Task QueueScrub(IDocumentSession session, Advocate advocate)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var tables = await session.QueryAsync<string>(
            "select table_name from information_schema.columns where table_schema = ? and column_name = 'data' and data_type = 'jsonb'",
            schema);
        var id = advocate.Id.ToString();

        // Free texts first, while the phone still identifies the recorder's copies.
        foreach (var path in new[] { "{text}", "{evidence,rawText}", "{organisation}", "{role}" })
            session.QueueSqlCommand(
                $"update {schema}.mt_events set data = jsonb_set(data, '{path}', to_jsonb(?::text)) where stream_id = ?::uuid and data #>> '{path}' is not null",
                ErasedText, id);
        foreach (var path in new[] { "{ipHash}", "{evidence,ipHash}" })
            session.QueueSqlCommand(
                $"update {schema}.mt_events set data = jsonb_set(data, '{path}', 'null'::jsonb) where stream_id = ?::uuid and data #>> '{path}' is not null", id);
        if (tables.Contains("mt_doc_delivery"))
            session.QueueSqlCommand(
                $"update {schema}.mt_doc_delivery set data = jsonb_set(data, '{{body}}', to_jsonb(?::text)) where data ->> 'advocateId' = ?", ErasedText, id);
        if (tables.Contains("mt_doc_inboundmessage"))
            session.QueueSqlCommand(
                $"update {schema}.mt_doc_inboundmessage set data = jsonb_set(data, '{{body}}', to_jsonb(?::text)) where data ->> 'advocateId' = ?", ErasedText, id);
        if (tables.Contains("mt_doc_recordedsms") && advocate.HasPhone)
            session.QueueSqlCommand(
                $"update {schema}.mt_doc_recordedsms set data = jsonb_set(data, '{{body}}', to_jsonb(?::text)) where data ->> 'phone' = ?", ErasedText, advocate.Phone);

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
