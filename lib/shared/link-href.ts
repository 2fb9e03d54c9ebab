/** What a typed link address becomes: http(s) and mailto as typed, a bare host gets https://; anything else is refused. */
export function linkHref(input: string): string | null {
  const clean = input.trim();
  if (!clean) return null;
  if (/^(https?:\/\/|mailto:)\S+$/i.test(clean)) return clean;
  if (/^[a-z][a-z0-9+.-]*:/i.test(clean) && !/^[^:/]+:\d+/.test(clean)) return null; // javascript:, data:, …
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(clean)) return `mailto:${clean}`;
  return /^[^\s]+\.[^\s]+$/.test(clean) ? `https://${clean}` : null;
}
