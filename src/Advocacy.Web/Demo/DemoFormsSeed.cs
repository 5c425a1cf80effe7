using System.Text;
using Advocacy.Domain.Common;
using Advocacy.Domain.Forms;
using Advocacy.Domain.Newsletters;
using Marten;

namespace Advocacy.Web.Demo;

/// <summary>
/// The public face of the demo: the "Research Round-Up" newsletter with two archived issues, the "Join us" form at
/// /forms/join (EN/FR/PT), "Stay in touch", and the design-principles report behind a form. Skipped when present.
/// </summary>
public static class DemoFormsSeed
{
    private static readonly Actor Seeder = new("demo-seed", "System");

    public static async Task RunAsync(IDocumentStore store, ILogger log)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<PublicForm>().AnyAsync(f => f.Slug == "join"))
        {
            log.LogInformation("Demo forms already present.");
            return;
        }

        var clock = TimeProvider.System;
        var now = clock.GetUtcNow();
        var roundUp = await session.Query<Newsletter>().FirstOrDefaultAsync(n => n.Slug == "research-round-up");
        var newsletterId = roundUp?.Id ?? Guid.CreateVersion7();
        if (roundUp is null)
        {
            session.Events.StartStream<Newsletter>(newsletterId, new NewsletterCreated(newsletterId, "Research Round-Up", "research-round-up",
                ["en", "fr"], "editor@example.org", Seeder.Name, now.AddDays(-60)));
            ArchivedIssue(session, newsletterId, 1, now.AddDays(-28), "CHW pay and retention", "Rémunération et fidélisation des ASC",
                new Paper("Salaried community health workers and retention: a multi-country cohort", "Ballard M, Westgate C, Alban R", "BMJ Global Health",
                    "https://gh.bmj.com/", new() { ["en"] = "Paid CHWs stayed in post twice as long as volunteers.", ["fr"] = "Les ASC rémunérés restent deux fois plus longtemps en poste que les bénévoles." }),
                new Paper("Costing fair pay for CHWs in national budgets", "Palazuelos D, Fiori K", "Health Policy and Planning",
                    "https://academic.oup.com/heapol", new() { ["en"] = "Fair pay costs under 1% of health spending in most countries studied.", ["fr"] = "Une rémunération juste coûte moins de 1 % des dépenses de santé dans la plupart des pays étudiés." }));
            ArchivedIssue(session, newsletterId, 2, now.AddDays(-14), "Supervision and proactive case finding", "Supervision et recherche active des cas",
                new Paper("Dedicated supervisors and CHW performance", "Schwarz R, Johnson A", "Global Health: Science and Practice",
                    "https://www.ghspjournal.org/", new() { ["en"] = "A dedicated supervisor per 10 CHWs raised home-visit coverage.", ["fr"] = "Un superviseur dédié pour 10 ASC a amélioré la couverture des visites à domicile." }),
                new Paper("Proactive community case management and under-five mortality", "Johnson A, Sall E", "The Lancet Global Health",
                    "https://www.thelancet.com/journals/langlo", new() { ["en"] = "Door-to-door searches found sick children days earlier.", ["fr"] = "La recherche active porte-à-porte repère les enfants malades plusieurs jours plus tôt." }));
        }

        var report = new StoredFile(Guid.CreateVersion7(), "design-principles.pdf", "application/pdf", 0, [], Seeder.Name, now);
        var pdf = Pdf("Design principles for community health: eight practices that make CHW programmes deliver.");
        report = report with { Content = pdf, Length = pdf.Length };
        session.Insert(report);

        foreach (var form in Forms(newsletterId, report.Id))
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<PublicForm>(id, new FormDefined(id, DefineFormHandler.Definition(form), Seeder.Name, now));
        }
        await session.SaveChangesAsync();
        log.LogInformation("Seeded the demo forms (/forms/join, /forms/stay-in-touch, /forms/design-principles) and the Research Round-Up.");
    }

    private static IEnumerable<DefineForm> Forms(Guid roundUp, Guid report)
    {
        var emailEn = "Yes, email me the Research Round-Up and news from the Coalition. I can unsubscribe at any time.";
        var emailFr = "Oui, envoyez-moi la Revue de la recherche et les nouvelles de la Coalition par e-mail. Je peux me désabonner à tout moment.";
        var emailPt = "Sim, enviem-me por e-mail a Revista da Investigação e as novidades da Coligação. Posso cancelar a qualquer momento.";
        yield return new DefineForm("join", new()
            {
                ["en"] = new("Join us", "We invite you to join us on our mission of making professionalized CHWs a norm worldwide, so everyone can have access to high quality healthcare.",
                    "Thank you for joining the movement! Nothing about CHWs without CHWs.", emailEn, "Yes, send me SMS calls to action. Reply STOP to stop.", "Join"),
                ["fr"] = new("Rejoignez-nous", "Rejoignez notre mission : faire des agents de santé communautaire professionnels la norme partout dans le monde, pour que chacun ait accès à des soins de qualité.",
                    "Merci d'avoir rejoint le mouvement ! Rien sur les ASC sans les ASC.", emailFr, "Oui, envoyez-moi des appels à l'action par SMS. Répondez STOP pour arrêter.", "Rejoindre"),
                ["pt"] = new("Junte-se a nós", "Junte-se à nossa missão: tornar os agentes comunitários de saúde profissionais a norma em todo o mundo, para que todos tenham acesso a cuidados de qualidade.",
                    "Obrigado por se juntar ao movimento! Nada sobre os ACS sem os ACS.", emailPt, "Sim, enviem-me apelos à ação por SMS. Responda STOP para parar.", "Aderir"),
            },
            ["name", "email", "phone", "country", "organisation", "role", "language", "consentEmail", "consentSms"],
            ["name", "email", "country"], ["join-us"], [roundUp], null) { By = Seeder };
        yield return new DefineForm("stay-in-touch", new()
            {
                ["en"] = new("Stay in touch", "Join 2000+ people receiving our fortnightly Research Round-Up of new CHW papers, in English or French.",
                    "Thank you! Check your inbox to confirm your address.", emailEn, null, "Subscribe"),
                ["fr"] = new("Restons en contact", "Rejoignez plus de 2 000 personnes qui reçoivent chaque quinzaine notre Revue de la recherche sur les ASC, en anglais ou en français.",
                    "Merci ! Consultez votre boîte de réception pour confirmer votre adresse.", emailFr, null, "S'abonner"),
            },
            ["name", "email", "language", "consentEmail"], ["email", "consentEmail"], ["stay-in-touch"], [roundUp], null) { By = Seeder };
        yield return new DefineForm("design-principles", new()
            {
                ["en"] = new("Design high-performing community health",
                    "To learn more about the design principles and how high performing implementers have solved tough delivery challenges, fill in the information below and press \"Download Report Now.\"",
                    "Thank you! Your report is ready below.", emailEn, null, "Download Report Now"),
                ["fr"] = new("Concevoir une santé communautaire performante",
                    "Pour en savoir plus sur les principes de conception et la façon dont les programmes performants ont relevé les défis de mise en œuvre, remplissez ce formulaire.",
                    "Merci ! Votre rapport est prêt ci-dessous.", emailFr, null, "Télécharger le rapport"),
            },
            ["name", "email", "country", "organisation", "role", "consentEmail"], ["name", "email", "role"], ["report:design-principles"], [roundUp], report)
        { By = Seeder };
    }

    private static void ArchivedIssue(IDocumentSession session, Guid newsletterId, int number, DateTimeOffset sentAt, string en, string fr, params Paper[] papers)
    {
        var id = Guid.CreateVersion7();
        session.Events.StartStream<NewsletterIssue>(id,
            new IssueComposed(id, newsletterId, number, new()
            {
                ["en"] = new($"Research Round-Up #{number}: {en}", "The newest papers on community health workers, curated by the Coalition."),
                ["fr"] = new($"Revue de la recherche n° {number} : {fr}", "Les dernières publications sur les agents de santé communautaire, sélectionnées par la Coalition."),
            }, papers, false, Seeder.Name, sentAt.AddDays(-2)),
            new IssueSendScheduled(id, newsletterId, sentAt, Seeder.Name, sentAt),
            new IssueDispatched(id, 0, sentAt));
    }

    /// <summary>A one-page PDF with one line of text, offsets computed so readers accept it.</summary>
    public static byte[] Pdf(string line)
    {
        var text = line.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
        var stream = $"BT /F1 14 Tf 56 760 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append($"{o:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
