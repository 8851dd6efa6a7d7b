/**
 * CSV → Parquet for the export archive, in a separate in-memory DuckDB instance (never the
 * application's database: on PostgreSQL there is none, and on DuckDB a COPY there would hold the
 * write lock while it runs). The CSV file is the one that goes into the archive, read back with
 * the catalogue's column types, so each Parquet file is typed (DECIMAL, UUID, TIMESTAMPTZ, DATE,
 * BOOLEAN, JSON …) and holds exactly the rows of its CSV, on both backends.
 *
 * DuckDB reads and writes both files in streaming fashion: one thread, a memory limit, spilling to
 * the export's own temporary directory; the table is never held in memory.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo } from '../../../store/catalogue.js';

/** A string literal for DuckDB SQL. Only ever our own temporary paths and catalogue names. */
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The type the CSV reader parses a column as. Binary values have no text form both engines write
 * alike, so they stay text (there are none today).
 */
const readerType = (c: ColumnInfo) => (c.type === 'BLOB' ? 'VARCHAR' : c.type);

export class ParquetConverter {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(tempDirectory: string): Promise<ParquetConverter> {
    const instance = await DuckDBInstance.create(':memory:', {
      threads: '1',
      memory_limit: '256MB',
      temp_directory: tempDirectory,
    });
    try {
      const conn = await instance.connect();
      // Text timestamps carry their offset; UTC keeps DuckDB from assuming any other zone.
      await conn.run("SET TimeZone = 'UTC'");
      return new ParquetConverter(instance, conn);
    } catch (err) {
      instance.closeSync();
      throw err;
    }
  }

  /**
   * Write `parquet` from `csv` (our export CSV: header row, every non-null value quoted, NULL as
   * an empty unquoted field) and return its row count, read back from the Parquet file.
   */
  async convert(csv: string, parquet: string, columns: readonly ColumnInfo[]): Promise<number> {
    const types = columns.map((c) => `${literal(c.name)}: ${literal(readerType(c))}`).join(', ');
    await this.conn.run(
      [
        'COPY (SELECT * FROM read_csv(',
        literal(csv),
        ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"',",
        // A quoted empty field is the empty string; only an unquoted one is NULL.
        ' allow_quoted_nulls = false, columns = {',
        types,
        '})) TO',
        literal(parquet),
        '(FORMAT parquet, COMPRESSION zstd)',
      ].join(' '),
    );
    const reader = await this.conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${literal(parquet)})`);
    return Number(reader.getRowObjectsJson()[0]?.n ?? -1);
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
