/** Masked forms of a citizen's name and ID number, for greetings and lists. */

/** "Nguyễn Văn An" → "Nguyễn V. A.": the family name, then initials. */
export function maskName(fullName: string): string {
  const [family = '', ...given] = fullName.trim().split(/\s+/);
  return [family, ...given.map((w) => `${Array.from(w)[0]?.toLocaleUpperCase('vi') ?? ''}.`)].join(' ');
}

/** "079090012345" → "0790****2345". */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 9) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
