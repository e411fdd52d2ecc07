/** Required tag keys (the user's `requiredTags`): tag keys are case-sensitive in AWS. */
export function missingTags(
  tags: Record<string, string> | undefined | null,
  required: readonly string[],
): string[] {
  const present = new Set(Object.keys(tags ?? {}));
  return required.filter((k) => !present.has(k));
}
