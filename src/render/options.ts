/** What the user can ask of the renderers beyond the format (CLI options, see src/cli/options.ts). */
export interface RenderOptions {
  /** CSV: line breaks inside a cell become spaces, so one record is one physical line. */
  csvFlattenNewlines?: boolean;
  /** OCSF: also emit PASS results (status_code PASS), for teams that track compliance state. */
  ocsfIncludePass?: boolean;
}

export interface OutputFile {
  /** Relative to the output directory; may hold a folder (asff/...). */
  path: string;
  content: string;
}

/** One output file, written piece by piece (see report-io/write-chunks.ts). */
export interface OutputStream {
  path: string;
  chunks: Iterable<string>;
  /**
   * Where the file goes in the list of files written, when it is produced in another order
   * (ASFF batches fill up per account and region in any order, and are listed as before).
   */
  order?: number;
}
