/**
 * Parquet records as text, so the import engine treats them exactly like CSV records: the column
 * names are the header, every value is cast to VARCHAR by DuckDB (NULL → ''), instants in UTC
 * ('2026-11-28 03:30:00+00'). A separate in-memory DuckDB instance (never the application's
 * database, which on PostgreSQL does not exist) streams the file chunk by chunk with one thread
 * and a memory limit, so a large file never sits in memory.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../../../errors.js';
import type { RecordBatch } from './records.js';

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function columnNames(conn: DuckDBConnection, file: string): Promise<string[]> {
  const reader = await conn.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [file]);
  return reader.getRowObjectsJson().map((r) => String(r.column_name));
}

export async function* readParquet(file: string, batchSize: number): AsyncGenerator<RecordBatch> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '256MB' });
  try {
    const conn = await instance.connect();
    try {
      await conn.run("SET TimeZone = 'UTC'");
      let names: string[];
      try {
        names = await columnNames(conn, file);
      } catch {
        throw new AppError('unsupported_media_type', 'The file looks like Parquet but could not be read as Parquet.');
      }
      const select = names.map((n) => `CAST(${quoteIdent(n)} AS VARCHAR)`).join(', ');
      const result = await conn.stream(`SELECT ${select} FROM read_parquet($1)`, [file]);
      let lines: number[] = [1];
      let rows: string[][] = [names];
      let next = 2;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        const columns = names.map((_, c) => chunk.getColumnValues(c));
        for (let r = 0; r < chunk.rowCount; r++) {
          rows.push(columns.map((values) => (values[r] as string | null) ?? ''));
          lines.push(next++);
          if (rows.length === batchSize) {
            yield { lines, rows };
            lines = [];
            rows = [];
          }
        }
      }
      if (rows.length > 0) yield { lines, rows };
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
