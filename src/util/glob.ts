/**
 * Wildcard matching, one implementation for the configuration's patterns (suppression resource
 * ARNs, expectPrivate name patterns) and IAM policy wildcards. picomatch does the matching; the
 * options below switch off what a path glob means beyond the documented wildcards.
 */
import picomatch from 'picomatch';

const ONLY_WILDCARDS: picomatch.PicomatchOptions = {
  // A single "*" crosses "/" too: ARNs are not file paths.
  bash: true,
  dot: true,
  nobrace: true,
  noextglob: true,
  nonegate: true,
  literalBrackets: true,
};

const compiled = new Map<string, (value: string) => boolean>();

function matcher(pattern: string, options: picomatch.PicomatchOptions, cacheKey: string) {
  let m = compiled.get(cacheKey);
  if (!m) {
    m = picomatch(pattern, options);
    compiled.set(cacheKey, m);
  }
  return m;
}

/**
 * A configuration pattern: "*" matches any run of characters ("/" and ":" included), every
 * other character stands for itself. "arn:aws:apigateway:*::/restapis/abc123/*".
 */
export function matchesStarPattern(pattern: string, value: string): boolean {
  if (value === '') return pattern.replace(/\*/g, '') === '';
  if (pattern === '') return false;
  // "?" and "\" are literal in configuration patterns, and picomatch would drop a leading "./"
  // as a path prefix: escape them.
  const escaped = pattern.replace(/[\\?]/g, '\\$&').replace(/^\.\//, '\\./');
  return matcher(escaped, ONLY_WILDCARDS, `star\u0000${escaped}`)(value);
}

/** An IAM wildcard: "*" any run, "?" one character; case-insensitive unless told otherwise. */
export function matchesIamWildcard(
  pattern: string,
  value: string,
  caseInsensitive = true,
): boolean {
  if (value === '') return pattern.replace(/\*/g, '') === '';
  // An empty pattern (an empty string in a policy's Action list) matches nothing but itself.
  if (pattern === '') return false;
  const escaped = pattern.replace(/\\/g, '\\\\');
  const options = { ...ONLY_WILDCARDS, nocase: caseInsensitive };
  return matcher(escaped, options, `iam\u0000${caseInsensitive}\u0000${escaped}`)(value);
}
