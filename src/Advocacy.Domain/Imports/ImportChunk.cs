using Advocacy.Domain.Advocates;
using Advocacy.Domain.Common;
using Marten;

namespace Advocacy.Domain.Imports;

/// <summary>Decides a chunk of rows with three reads (phone claims, email matches, the matched advocates) and queues its writes.</summary>
public static class ImportChunk
{
    public static async Task<AdvocateImport> DecideAsync(IDocumentSession session, AdvocateImport import, IReadOnlyList<CsvRecord> records,
        Dictionary<string, int> seen, List<string> added, DateTimeOffset now, CancellationToken ct)
    {
        var rows = new List<(CsvRecord Record, ImportedRow Row, string? Key, string? Problem)>(records.Count);
        foreach (var record in records)
        {
            var row = ImportedRow.From(record.Fields, import.Columns);
            var (key, problem) = row.Identity();
            if (key is not null && seen.TryGetValue(key, out var first))
                problem = $"Same {(key.StartsWith("email:") ? "email" : "phone number")} as line {first} of this file.";
            else if (key is not null)
            {
                seen[key] = record.Line;
                added.Add(key);
            }
            rows.Add((record, row, problem is null ? key : null, problem));
        }

        var phones = rows.Where(r => r.Key?.StartsWith('+') == true).Select(r => r.Key!).ToArray();
        var claims = phones.Length == 0 ? [] : (await session.LoadManyAsync<PhoneClaim>(ct, phones)).ToDictionary(c => c.Id, c => c.AdvocateId);
        var emails = rows.Where(r => r.Key?.StartsWith("email:") == true).Select(r => r.Key!["email:".Length..]).ToArray();
        var byEmail = emails.Length == 0 ? [] : (await session.Query<Advocate>()
                .Where(a => a.Status == AdvocateStatus.Active && emails.Contains(a.Email!)).ToListAsync(ct))
            .GroupBy(a => a.Email!).ToDictionary(g => g.Key, g => g.ToList());
        var advocates = claims.Count == 0 ? [] : (await session.LoadManyAsync<Advocate>(ct, claims.Values.Distinct())).ToDictionary(a => a.Id);

        var by = new Actor(import.By, "Import");
        int created = 0, updated = 0, skipped = 0, failed = 0;
        foreach (var (record, row, key, identityProblem) in rows)
        {
            var problem = identityProblem;
            if (problem is null)
            {
                Advocate? existing = null;
                if (key!.StartsWith('+'))
                {
                    if (claims.TryGetValue(key, out var id) && (existing = advocates.GetValueOrDefault(id)) is null)
                        problem = $"{key} is claimed by advocate {id}, who cannot be read.";
                }
                else if (byEmail.TryGetValue(key["email:".Length..], out var matches))
                {
                    if (matches.Count > 1) problem = $"{matches.Count} advocates have this email; give the phone number to say which.";
                    else existing = matches[0];
                }
                else problem = "No advocate has this email, and a phone number is needed to enrol a new one.";

                if (problem is null && existing is not null)
                {
                    var decision = ImportDecisions.ForExisting(existing, row, import.ConsentSource, by, now);
                    problem = decision.Problem;
                    if (problem is null && decision.Events.Length == 0) skipped++;
                    else if (problem is null)
                    {
                        session.Events.Append(existing.Id, existing.Version + decision.Events.Length, decision.Events);
                        updated++;
                    }
                }
                else if (problem is null)
                {
                    var decision = ImportDecisions.ForNew(row, Guid.CreateVersion7(), import.ConsentSource, by, now);
                    problem = decision.Problem;
                    if (problem is null)
                    {
                        var enrolled = (AdvocateEnrolled)decision.Events[0];
                        session.Events.StartStream<Advocate>(enrolled.AdvocateId, decision.Events);
                        // As in enrolment: a racing enrolment of the same number fails the chunk at commit, which is then decided again.
                        session.Insert(new PhoneClaim(enrolled.Phone, enrolled.AdvocateId));
                        created++;
                    }
                }
            }
            if (problem is null) continue;
            failed++;
            session.Store(new ImportRowError(ImportRowError.IdFor(import.Id, record.Line), import.Id, record.Line, problem, record.Fields));
        }

        return import with
        {
            RowsRead = import.RowsRead + records.Count, LastLine = records[^1].Line,
            Created = import.Created + created, Updated = import.Updated + updated,
            Skipped = import.Skipped + skipped, Failed = import.Failed + failed,
        };
    }
}
