using Npgsql;

namespace Advocacy.Tests.Infrastructure;

/// <summary>What the database holds, looked at with SQL the way an auditor would.</summary>
public static class Stored
{
    /// <summary>Every text, jsonb and bytea cell of the app's schemas that holds any of the values: "schema.table.column".</summary>
    public static async Task<List<string>> PlacesHolding(string connectionString, params string[] values)
    {
        var patterns = values.Select(v => $"%{v}%").ToArray();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            """
            select c.table_schema, c.table_name, c.column_name, c.data_type from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
            where c.table_schema in ('advocacy', 'wolverine', 'hangfire')
              and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        columns.ShouldContain(c => c.Table == "mt_events");

        var places = new List<string>();
        foreach (var (schema, table, column, type) in columns)
        {
            var cell = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
            await using var count = new NpgsqlCommand($"select count(*) from \"{schema}\".\"{table}\" where {cell} ilike any(@p)", connection);
            count.Parameters.AddWithValue("p", patterns);
            if ((long)(await count.ExecuteScalarAsync())! > 0) places.Add($"{schema}.{table}.{column}");
        }
        return places;
    }
}
