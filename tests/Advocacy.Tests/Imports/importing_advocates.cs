using System.Text;
using Advocacy.Domain.Imports;
using Advocacy.Web.Advocates;
using Alba;
using Marten;

namespace Advocacy.Tests.Imports;

public class importing_advocates(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task a_messy_spreadsheet_export_imports_with_its_line_numbers_right()
    {
        // BOM, ';' separators, French headers, blank lines, a quoted ';' and a quoted newline, mixed phone formats.
        var file = ImportScenarios.Utf8(
            "Nom;Prénom;Téléphone;Pays;Langue;Courriel;Association;Consentement SMS\r\n" +
            "\r\n" +
            "Kouamé;Aya;07 07 12 34 56;CI;fr;Aya@Example.org;\"Réseau ASC; Abidjan\";oui\r\n" +
            "Kollie;Musu;+231 770 123 456;LR;;;\"Bong County\r\nCHAs\";non\r\n" +
            ";;;;;;;\r\n" +
            "Mwangi;Wanjiru;0712-345-678;ke;en;;;\r\n" +
            "Okello;Grace;not a phone;UG;en;;;oui\r\n" +
            "Sitoe;Ana;+258 84 123 4567;;pt;;;sim\r\n", bom: true);

        var import = await Host.Imported(file, "membres.csv");

        import.Status.ShouldBe("completed");
        (import.RowsRead, import.Created, import.Updated, import.Skipped, import.Failed).ShouldBe((5, 4, 0, 0, 1));
        import.Mapping["Téléphone"].ShouldBe("phone");
        import.Mapping["Nom"].ShouldBe("lastName");
        var aya = await Host.AdvocateByPhone("+2250707123456");
        aya.Name.ShouldBe("Aya Kouamé");
        aya.Email.ShouldBe("aya@example.org");
        aya.Association.ShouldBe("Réseau ASC; Abidjan");
        aya.Consent["sms"].Status.ShouldBe("given");
        aya.Consent["sms"].Source.ShouldBe("imported from membres.csv by admin (environment key)");
        aya.Consent["email"].Status.ShouldBe("unknown"); // an address is not consent unless the file says so
        var musu = await Host.AdvocateByPhone("+231770123456");
        (musu.Association, musu.Language, musu.SmsConsent).ShouldBe(("Bong County\r\nCHAs", "en", false));
        (await Host.AdvocateByPhone("+254712345678")).Country.ShouldBe("KE");
        (await Host.AdvocateByPhone("+258841234567")).Country.ShouldBe("MZ"); // from the calling code

        var errors = (await Host.ErrorsCsv(import.Id)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        errors[0].ShouldBe("line,reason,Nom,Prénom,Téléphone,Pays,Langue,Courriel,Association,Consentement SMS");
        errors.Length.ShouldBe(2);
        errors[1].ShouldStartWith("8,");
        errors[1].ShouldContain("'not a phone' is not a valid phone number");
        errors[1].ShouldEndWith(",Okello,Grace,not a phone,UG,en,,,oui");
    }

    [Fact]
    public async Task windows_1252_files_and_quoted_commas_read_right()
    {
        var file = Encoding.Latin1.GetBytes("name,phone,country\r\n\"Kouamé, Aya\",07 07 12 34 56,CI\r\nFátima Cossa,84 123 4567,MZ\r\n");

        var import = await Host.Imported(file);

        import.Created.ShouldBe(2);
        (await Host.AdvocateByPhone("+2250707123456")).Name.ShouldBe("Kouamé, Aya");
        (await Host.AdvocateByPhone("+258841234567")).Name.ShouldBe("Fátima Cossa");

        // Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
        var unicode = await Host.Imported([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Nome\tTelefone\tPaís\r\nNélio Chissano\t84 765 4321\tMZ\r\n")]);

        unicode.Created.ShouldBe(1);
        (await Host.AdvocateByPhone("+258847654321")).Name.ShouldBe("Nélio Chissano");
    }

    [Fact]
    public async Task an_existing_advocate_gets_only_what_the_file_adds_and_a_second_import_changes_nothing()
    {
        var musu = await Host.EnrolledAdvocate(email: "musu@example.org");
        var file = ImportScenarios.Utf8("name,phone,country,association,tags,smsConsent,email\r\n" +
                                        "Musu Kollie,+231770123456,LR,Bong County CHAs,PayCHWs,,\r\n");

        var first = await Host.Imported(file);

        (first.Created, first.Updated, first.Skipped).ShouldBe((0, 1, 0));
        var after = await Host.GetAdvocate(musu.Id);
        (after.Association, after.Email).ShouldBe(("Bong County CHAs", "musu@example.org"));
        after.Tags.ShouldBe(["paychws"]);
        after.Consent["sms"].Source.ShouldBe("paper-form"); // untouched: the file says nothing of consent

        var second = await Host.Imported(file);

        (second.Created, second.Updated, second.Skipped, second.Failed).ShouldBe((0, 0, 1, 0));
        (await Host.GetAdvocate(musu.Id)).Version.ShouldBe(after.Version);
        (await Host.AllAdvocates()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_import_never_overrides_an_opt_out()
    {
        var musu = await Host.EnrolledAdvocate();
        await Host.Scenario(s => { s.Post.Json(new { channel = "sms", source = "keyword" }).ToUrl($"/api/advocates/{musu.Id}/opt-out"); s.AsAdmin(); });

        var import = await Host.Imported(ImportScenarios.Utf8("phone,country,sms consent\r\n0770 123 456,LR,yes\r\n"));

        import.Skipped.ShouldBe(1);
        (await Host.GetAdvocate(musu.Id)).Consent["sms"].Status.ShouldBe("optedOut");
    }

    [Fact]
    public async Task rows_without_a_phone_match_by_email_and_duplicates_in_the_file_are_reported()
    {
        var musu = await Host.EnrolledAdvocate(email: "musu@example.org");
        var file = ImportScenarios.Utf8("E-mail,Telefone,País,Idioma,Nome\r\n" +
                                        "MUSU@example.org,,,fr,\r\n" +
                                        "nobody@example.org,,,fr,\r\n" +
                                        ",0712 345678,KE,en,Wanjiru Mwangi\r\n" +
                                        ",+254 712 345 678,,en,Wanjiru M.\r\n");

        var import = await Host.Imported(file);

        (import.Created, import.Updated, import.Failed).ShouldBe((1, 1, 2));
        (await Host.GetAdvocate(musu.Id)).Language.ShouldBe("fr");
        var errors = await Host.ErrorsCsv(import.Id);
        errors.ShouldContain("3,\"No advocate has this email, and a phone number is needed to enrol a new one.\",nobody@example.org");
        errors.ShouldContain("5,Same phone number as line 4 of this file.,");
    }

    [Fact]
    public async Task a_quote_left_open_fails_the_import_after_the_rows_before_it()
    {
        var import = await Host.Imported(ImportScenarios.Utf8("name,phone,country\r\nMusu Kollie,0770 123 456,LR\r\n\"Aya,07 07 12 34 56,CI\r\nAna Sitoe,84 123 4567,MZ\r\n"));

        (import.Status, import.Created, import.Error).ShouldBe(("failed", 1, "Line 3: a quoted field is never closed."));
        (await Host.AllAdvocates()).Select(a => a.Name).ShouldBe(["Musu Kollie"]);
    }

    [Fact]
    public async Task a_mapping_names_columns_the_guess_cannot()
    {
        var file = ImportScenarios.Utf8("Full name,Mobile No,Nation,Groups\r\nMusu Kollie,0770 123 456,LR,youth district-lead\r\n");

        var import = await Host.Imported(file, mapping: """{"Mobile No": "phone", "Nation": "country", "Groups": "tags"}""");

        import.Created.ShouldBe(1);
        (await Host.AdvocateByPhone("+231770123456")).Tags.ShouldBe(["district-lead", "youth"]);
    }

    [Fact]
    public async Task five_thousand_rows_with_one_in_ten_bad_import_the_good_ones_and_report_each_bad_one()
    {
        var csv = new StringBuilder("name,phone,country,email\r\n");
        var bad = new[] { "phone", "country", "name", "email" };
        for (var i = 0; i < 5000; i++)
        {
            var kind = i % 10 == 9 ? bad[i / 10 % 4] : null;
            csv.Append(kind == "name" ? "" : $"Advocate {i}").Append(',')
                .Append(kind == "phone" ? "12345" : $"+25471{i:D7}").Append(',')
                .Append(kind == "country" ? "XX" : "KE").Append(',')
                .Append(kind == "email" ? "not-an-email" : $"a{i}@example.org").Append("\r\n");
        }
        var file = ImportScenarios.Utf8(csv.ToString());

        var import = await Host.Imported(file);

        (import.RowsRead, import.Created, import.Failed).ShouldBe((5000, 4500, 500));
        var errors = (await Host.ErrorsCsv(import.Id)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        errors.Length.ShouldBe(500);
        errors.Select(e => int.Parse(e[..e.IndexOf(',')])).ShouldBe(Enumerable.Range(0, 500).Select(n => n * 10 + 11));
        errors[0].ShouldContain("phone");
        errors[1].ShouldContain("country");
        errors[2].ShouldContain("name");
        errors[3].ShouldContain("email");

        var again = await Host.Imported(file);

        (again.Created, again.Updated, again.Skipped, again.Failed).ShouldBe((0, 0, 4500, 500));
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<Domain.Advocates.Advocate>().CountAsync()).ShouldBe(4500);
    }

    [Fact]
    public async Task a_run_that_dies_midway_resumes_from_its_checkpoint_without_duplicates()
    {
        var csv = new StringBuilder("name,phone,country\r\n");
        for (var i = 0; i < 1200; i++) csv.Append($"Advocate {i},+25471{i:D7},KE\r\n");
        csv.Append("Advocate 10 again,+254710000010,KE\r\n"); // line 1202 repeats line 12, which the first run read
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var clock = Host.Services.GetRequiredService<TimeProvider>();
        var id = await Queued(store, Encoding.UTF8.GetBytes(csv.ToString()));

        await RunImport.RunAsync(store, id, clock, CancellationToken.None, stopAfterChunks: 1);

        var crashed = await Host.GetImport(id);
        (crashed.Status, crashed.RowsRead, crashed.Created).ShouldBe(("running", RunImport.ChunkSize, RunImport.ChunkSize));

        await RunImport.RunAsync(store, id, clock, CancellationToken.None);

        var done = await Host.GetImport(id);
        (done.Status, done.RowsRead, done.Created, done.Failed).ShouldBe(("completed", 1201, 1200, 1));
        (await Host.ErrorsCsv(id)).ShouldContain("1202,Same phone number as line 12 of this file.");
        await using var session = store.QuerySession();
        (await session.Query<Domain.Advocates.Advocate>().CountAsync()).ShouldBe(1200);
    }

    [Fact]
    public async Task an_import_whose_job_was_lost_after_the_upload_is_picked_up_by_the_recovery_sweep()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        // Stored and committed, but the process died before its job was enqueued.
        var id = await Queued(store, Encoding.UTF8.GetBytes("name,phone,country\r\nMusu Kollie,0770 123 456,LR\r\n"));

        async Task<int> Sweep()
        {
            using var scope = Host.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<Advocacy.Jobs.Imports.RecoverImportsJob>().RunAsync(CancellationToken.None);
        }
        (await Sweep()).ShouldBe(0); // within the grace period its own job may still be on its way
        App.Clock.Set(App.Clock.GetUtcNow() + Advocacy.Jobs.Imports.RecoverImportsJob.Grace + TimeSpan.FromMinutes(1));
        (await Sweep()).ShouldBe(1);

        var done = await Host.WaitForImport(id);
        (done.Status, done.Created).ShouldBe(("completed", 1));
    }

    [Fact]
    public async Task a_number_enrolled_while_its_chunk_commits_is_matched_on_the_retry_not_duplicated()
    {
        var csv = new StringBuilder("name,phone,country\r\n");
        for (var i = 0; i < 1200; i++) csv.Append($"Advocate {i},+25471{i:D7},KE\r\n");
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var clock = Host.Services.GetRequiredService<TimeProvider>();
        var id = await Queued(store, Encoding.UTF8.GetBytes(csv.ToString()));
        // An enrolment of row 0's number whose phone claim is still uncommitted when the import decides its first chunk.
        var racer = await Host.EnrolledAdvocate("Racing Enrolment", "+254710000000", "KE");
        await using var conn = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await Sql(conn, null, "delete from advocacy.mt_doc_phoneclaim where id = '+254710000000'");
        await using var tx = await conn.BeginTransactionAsync();
        await Sql(conn, tx, $"insert into advocacy.mt_doc_phoneclaim (id, data) values ('+254710000000', '{{\"id\": \"+254710000000\", \"advocateId\": \"{racer.Id}\"}}')");

        var run = RunImport.RunAsync(store, id, clock, CancellationToken.None);
        await WaitFor.Condition(ImportWaitsOnALock, TimeSpan.FromSeconds(30), () => "the import never waited on the uncommitted phone claim");
        await tx.CommitAsync();
        await run;

        var done = await Host.GetImport(id);
        (done.Status, done.RowsRead, done.Created, done.Updated, done.Failed).ShouldBe(("completed", 1200, 1199, 1, 0));
        await using var session = store.QuerySession();
        (await session.Query<Domain.Advocates.Advocate>().CountAsync()).ShouldBe(1200);
        (await Host.GetAdvocate(racer.Id)).Name.ShouldBe("Advocate 0");

        async Task<bool> ImportWaitsOnALock()
        {
            await using var probe = new Npgsql.NpgsqlConnection(App.ConnectionString);
            await probe.OpenAsync();
            await using var waiting = new Npgsql.NpgsqlCommand(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", probe);
            return (long)(await waiting.ExecuteScalarAsync())! > 0;
        }
    }

    private static async Task Sql(Npgsql.NpgsqlConnection conn, Npgsql.NpgsqlTransaction? tx, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, conn, tx);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task a_second_runner_of_the_same_import_leaves_it_to_the_first()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var clock = Host.Services.GetRequiredService<TimeProvider>();
        var id = await Queued(store, Encoding.UTF8.GetBytes("name,phone,country\r\nMusu Kollie,0770 123 456,LR\r\n"));
        await using (var first = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await first.OpenAsync();
            await using var hold = new Npgsql.NpgsqlCommand("select pg_advisory_lock(5005, hashtext($1))", first);
            hold.Parameters.Add(new() { Value = id.ToString() });
            await hold.ExecuteNonQueryAsync();

            await RunImport.RunAsync(store, id, clock, CancellationToken.None);

            (await Host.GetImport(id)).Status.ShouldBe("queued");
            hold.CommandText = "select pg_advisory_unlock(5005, hashtext($1))";
            await hold.ExecuteNonQueryAsync();
        }

        await RunImport.RunAsync(store, id, clock, CancellationToken.None);

        (await Host.GetImport(id)).Created.ShouldBe(1);
    }

    /// <summary>An import stored and queued as the endpoint does, but with no job enqueued: the test runs it.</summary>
    private async Task<Guid> Queued(IDocumentStore store, byte[] file)
    {
        var id = Guid.CreateVersion7();
        var stored = await ImportFiles.SaveAsync(store, id, new MemoryStream(file), CancellationToken.None);
        var (delimiter, headers) = ImportFiles.Header(stored)!.Value;
        var (columns, _) = ImportMapping.Resolve(headers, null);
        await using var session = store.LightweightSession();
        session.Store(new AdvocateImport(id, "big.csv", "admin", stored.Encoding, delimiter, headers, columns, ImportStatus.Queued, App.Clock.GetUtcNow()));
        await session.SaveChangesAsync();
        return id;
    }

    [Fact]
    public async Task unusable_uploads_are_refused_before_any_job_runs()
    {
        async Task<System.Text.Json.JsonElement> Refused(HttpResponseMessage response, int status = 400)
        {
            var body = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(status, body);
            return System.Text.Json.JsonDocument.Parse(body).RootElement;
        }

        (await Refused(await Host.Upload([]))).ErrorsFor("file").ShouldBe(["The file is empty."]);
        (await Refused(await Host.Upload(ImportScenarios.Utf8("\r\n\r\n")))).ErrorsFor("file").ShouldBe(["The file is empty."]);
        (await Refused(await Host.Upload(ImportScenarios.Utf8("Nom,Ville\r\nKollie,Gbarnga\r\n")))).ErrorsFor("file")[0]
            .ShouldStartWith("No column holds a phone number or an email address");
        (await Refused(await Host.Upload(ImportScenarios.Utf8("name,phone\r\n"), mapping: """{"phone": "mobile"}""")))
            .ErrorsFor("mapping.phone")[0].ShouldStartWith("'mobile' is not a field.");
        (await Refused(await Host.Upload(ImportScenarios.Utf8("name,phone\r\n"), mapping: "{not json")))
            .ErrorsFor("mapping").ShouldNotBeEmpty();
        await Host.Scenario(s => { s.Post.Json(new { }).ToUrl("/api/imports/advocates"); s.AsAdmin(); s.StatusCodeShouldBe(400); });
        await Refused(await Host.Upload(ImportScenarios.Utf8("name,phone\r\n"), key: await Host.KeyFor("Viewer")), 403);

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Query<AdvocateImport>().CountAsync()).ShouldBe(0);
    }
}
