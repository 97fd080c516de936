/** The URL without credentials, for logs and messages. */
export function redactRedisUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
