/** CSV reading for the renderer tests (report.csv, compliance.csv). */

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const fail = (why: string) => {
    throw new Error(`${why} at offset ${i}`);
  };
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') fail('quote or LF in an unquoted field');
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.slice(i, i + 2) !== '\r\n') fail('record not ended by CRLF');
    i += 2;
    rows.push(row);
    row = [];
    if (i === text.length) return rows;
  }
}
