using System.Text;
using System.Text.RegularExpressions;
using Advocacy.Web.Auth;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Advocacy.Tests.Browser;

public class importing_advocates(BrowserFixture browser) : BrowserTest(browser)
{
    private const string File = """
        Nom,Téléphone,Pays,Consentement SMS
        Musu Kollie,0770 123 456,LR,oui
        Bad Number,12,LR,oui
        Wanjiru Mwangi,0712 345678,KE,non

        """;

    [Fact]
    public async Task a_file_with_one_bad_row_imports_the_rest_and_reports_the_bad_line()
    {
        await Browser.UserAsync(Roles.Coordinator, "cora@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "cora@example.org");
        await page.GotoAsync("/advocates");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import a CSV file" }).ClickAsync();
        await Expect(page.Locator(".empty")).ToHaveTextAsync("No imports yet.");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("network.csv", File));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check the columns" }).ClickAsync();
        // The guessed mapping is shown, and may be changed: the consent column is left out here.
        await Expect(page.GetByLabel("Téléphone")).ToHaveValueAsync("phone");
        await Expect(page.GetByLabel("Nom")).ToHaveValueAsync("name");
        await Expect(page.GetByLabel("Consentement SMS")).ToHaveValueAsync("smsConsent");
        await page.GetByLabel("Consentement SMS").SelectOptionAsync("");
        await BrowserFixture.ScreenshotAsync(page, "import-columns");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/advocates/import/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("completed", new() { Timeout = 20_000 }); // htmx polling
        await Expect(page.Locator("#import-bar")).ToHaveAttributeAsync("value", "1");
        await Expect(page.Locator("#import-bar")).ToHaveAttributeAsync("max", "1");
        await Expect(page.Locator("#rows-read")).ToHaveTextAsync("3");
        await Expect(page.Locator("#rows-created")).ToHaveTextAsync("2");
        await Expect(page.Locator("#rows-failed")).ToHaveTextAsync("1");
        await Expect(page.Locator(".import-errors tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator(".import-errors tbody tr td").First).ToHaveTextAsync("3");
        await Expect(page.Locator(".import-errors")).ToContainTextAsync("Bad Number");
        await BrowserFixture.ScreenshotAsync(page, "import");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download all 1 as CSV" }).ClickAsync());
        var report = await System.IO.File.ReadAllTextAsync((await download.PathAsync())!);
        report.ShouldContain("line,reason,Nom,Téléphone,Pays,Consentement SMS");
        report.ShouldContain("Bad Number,12,LR,oui");

        await page.GotoAsync("/advocates?q=kollie");
        await Expect(page.Locator("#count")).ToHaveTextAsync("1 advocate");
        await Expect(page.Locator("tbody")).ToContainTextAsync("Not given"); // the consent column was ignored
        await page.GotoAsync("/advocates/import");
        await Expect(page.Locator("tbody")).ToContainTextAsync("network.csv");
    }

    [Fact]
    public async Task an_empty_file_or_one_with_no_phone_column_imports_nothing()
    {
        await Browser.UserAsync(Roles.Organizer, "omar@example.org");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "omar@example.org");
        await page.GotoAsync("/advocates/import");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("empty.csv", ""));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check the columns" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for=Upload]")).ToHaveTextAsync("The file is empty.");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("names.csv", "Name,Village\nMusu Kollie,Gbarnga\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check the columns" }).ClickAsync();
        await Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("No column holds a phone number or an email address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the import" }).ClickAsync();
        await Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("No column holds a phone number");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.Locator(".empty")).ToHaveTextAsync("No imports yet.");
    }

    [Fact]
    public async Task the_list_exports_what_its_filters_show()
    {
        await Browser.UserAsync(Roles.Viewer, "vic@example.org");
        await Browser.EnrolAsync("Musu Kollie", "0770 123 456");
        await Browser.EnrolAsync("Aminata Koné", "+225 07 07 12 34 56", "CI", "fr");
        var page = await Browser.NewPageAsync();
        await SignInAsync(page, "vic@example.org");
        await page.GotoAsync("/advocates?country=CI");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export these as CSV" }).ClickAsync());
        var csv = await System.IO.File.ReadAllTextAsync((await download.PathAsync())!);
        csv.ShouldContain("Aminata Koné");
        csv.ShouldNotContain("Musu Kollie");
    }

    private static FilePayload Csv(string name, string text) =>
        new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
