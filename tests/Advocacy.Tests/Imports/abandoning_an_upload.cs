using System.Text;
using Advocacy.Domain.Imports;
using Advocacy.Jobs.Imports;
using Marten;

namespace Advocacy.Tests.Imports;

/// <summary>An upload left on the import page's column check is not kept forever.</summary>
public class abandoning_an_upload(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task an_unconfirmed_upload_and_its_file_are_deleted_after_a_day()
    {
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var now = App.Clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        await ImportFiles.SaveAsync(store, id, new MemoryStream(Encoding.UTF8.GetBytes("name,phone\nMusu,+231770123456\n")), CancellationToken.None);
        await using (var session = store.LightweightSession())
        {
            session.Store(new PendingImport(id, "network.csv", "cora@example.org", ImportFiles.Utf8, ',', ["name", "phone"], 2, now));
            await session.SaveChangesAsync();
        }

        await Sweep();
        (await Pending(store, id)).ShouldNotBeNull(); // still waiting for its uploader

        App.Clock.Set(now + RecoverImportsJob.PendingLifetime + TimeSpan.FromMinutes(1));
        await Sweep();
        (await Pending(store, id)).ShouldBeNull();
        await using var file = ImportFiles.Open(store, id);
        (await new StreamReader(file).ReadToEndAsync()).ShouldBeEmpty();
    }

    private async Task Sweep()
    {
        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RecoverImportsJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<PendingImport?> Pending(IDocumentStore store, Guid id)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<PendingImport>(id);
    }
}
