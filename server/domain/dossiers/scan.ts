/**
 * What a counter's 2D scanner types for a slip's QR: the dossier's status address
 * `<base>/h/<code>` (or the bare code typed by hand). No dependency: the counter page uses it too.
 */
export function codeFromScan(text: string): string {
  const t = text.trim();
  const m = /\/h\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(t);
  if (!m?.[1]) return t;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
