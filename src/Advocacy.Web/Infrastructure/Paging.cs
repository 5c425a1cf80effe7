using Marten;

namespace Advocacy.Web.Infrastructure;

/// <summary>The <c>page</c> and <c>pageSize</c> of a list endpoint: pages from 1, 1 to 200 a page, 50 by default.</summary>
public readonly record struct Paging(int Page, int Size)
{
    public const int MaxSize = 200;

    /// <summary>The paging asked for, or the 400 that refuses it.</summary>
    public static (Paging Paging, IResult? Problem) From(int? page, int? pageSize) =>
        page is < 1 || pageSize is < 1 or > MaxSize
            ? (default, ProblemResponses.InvalidField("page", $"Pages start at 1; page size is 1 to {MaxSize}."))
            : (new Paging(page ?? 1, pageSize ?? 50), null);

    /// <summary>One page of the ordered query and the count of the whole filtered query.</summary>
    public async Task<(IReadOnlyList<T> Items, long Total)> Read<T>(IQueryable<T> filtered, Func<IQueryable<T>, IOrderedQueryable<T>> order,
        CancellationToken ct) where T : notnull =>
        (await order(filtered).Skip((Page - 1) * Size).Take(Size).ToListAsync(ct), await filtered.LongCountAsync(ct));
}
