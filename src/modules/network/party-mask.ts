// A party's name as a reader without charge of him sees it on a link or a network node: enough to
// tell nodes apart on a graph, not enough to identify a person. A person keeps the surname
// (张**); a company its first two and last two characters (青岛****公司), the common form of a
// masked company name on Chinese bank screens. Characters outside the BMP count as one.
export function maskPartyName(kind: 'personal' | 'corporate', name: string): string {
  const chars = Array.from(name);
  if (kind === 'personal') return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`;
  if (chars.length <= 4) return `${chars[0] ?? ''}***`;
  return `${chars.slice(0, 2).join('')}****${chars.slice(-2).join('')}`;
}
