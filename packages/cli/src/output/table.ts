// Plain-text tables and number formatting for human output (scripts use --json instead).

/** A number for people: up to 4 significant decimals, integers as they are. */
export function fmt(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '-';
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3 ? value.toExponential(3) : value.toFixed(4);
  }
  if (value === null || value === undefined) return '-';
  return String(value);
}

/** Left-aligned columns separated by two spaces, a header row and a rule under it. */
export function table(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((r) => r.map(fmt));
  const widths = headers.map((h, j) => Math.max(h.length, ...cells.map((r) => (r[j] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, j) => c.padEnd(widths[j]!))
      .join('  ')
      .trimEnd();
  return `${[line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

/** `key: value` lines, keys padded to one width. */
export function keyValues(entries: readonly (readonly [string, unknown])[]): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return `${entries.map(([k, v]) => `${`${k}:`.padEnd(width + 1)} ${fmt(v)}`).join('\n')}\n`;
}

/** Pretty JSON with a trailing newline; typed arrays become plain arrays. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2)}\n`;
}
