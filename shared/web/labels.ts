import type { PublicCounter } from '../contract';

/** "Quầy 2 – Đất đai, Đô thị" → "Đất đai, Đô thị", for places that show the number separately. */
export function counterLabel(c: Pick<PublicCounter, 'name'>): string {
  const stripped = c.name.replace(/^\s*quầy\s*\d+\s*[–—:-]?\s*/iu, '').trim();
  return stripped || c.name;
}
