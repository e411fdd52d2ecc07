/**
 * JSON that is safe inside <script type="application/json">: no string from the data can
 * close the element or start a comment, and U+2028/U+2029 cannot break older parsers.
 */
export function inlineJson(value: unknown): string {
  return inlineSafe(JSON.stringify(value));
}

/** The escapes of inlineJson, for JSON text given piece by piece (each is per character). */
export function inlineSafe(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
