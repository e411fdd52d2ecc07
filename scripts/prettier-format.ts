/** Generated files are written as Prettier would format them, so lint and staleness tests agree. */
import { format, resolveConfig } from 'prettier';

export async function formatted(text: string, filepath: string): Promise<string> {
  const options = (await resolveConfig(filepath)) ?? {};
  return format(text, { ...options, filepath });
}
