import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** How far a CSV stream got: rows written after the header, and whether it reached the end. */
export interface CsvProgress {
  rows: number;
  complete: boolean;
}

/**
 * A CSV file (RFC 4180: CRLF, quotes where needed; a UTF-8 byte order mark so spreadsheets read
 * accents) of `header` and then every row of `batches`, pulled one batch at a time as the reader
 * takes the text: a slow reader slows the reading, and destroying the stream (a client gone)
 * ends `batches`, so nothing more is read. A cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (or their full-width forms) gets a leading `'`, so a spreadsheet shows it as
 * text instead of running it as a formula (CSV injection).
 */
export function csvStream(
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly string[])[]>,
): { stream: Readable; progress: CsvProgress } {
  const progress: CsvProgress = { rows: 0, complete: false };
  async function* lines(): AsyncGenerator<readonly string[]> {
    yield header;
    for await (const batch of batches) {
      for (const row of batch) {
        progress.rows += 1;
        yield row;
      }
    }
    progress.complete = true;
  }
  const csv = stringify({ bom: true, record_delimiter: 'windows', escape_formulas: true });
  // errors reach whoever reads `csv` (it is destroyed with them); nothing to add here
  const stream = pipeline(Readable.from(lines()), csv, () => undefined);
  return { stream, progress };
}
