/** Removes `user:password@` from every URL in `text`, and masks any of the given secrets. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1');
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join('***');
  }
  return result;
}
