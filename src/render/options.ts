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
