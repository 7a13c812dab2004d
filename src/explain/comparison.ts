/**
 * "difference between X and Y", "X vs Y", "how is X different from Y", "is X the same as Y", "how are X and Y
 * related".
 */
const PATTERNS: readonly RegExp[] = [
  /\b(?:difference|differences|diff|diffs)\s+(?:between|btw|of)\s+(.+?)\s+(?:and|&|vs\.?|versus|or)\s+(.+)/,
  /\bhow (?:is|are|does|do)\s+(.+?)\s+differ\w*\s+(?:from|to|than)\s+(.+)/,
  /\b(?:relationship|relation|connection|link)\s+(?:between|of)\s+(.+?)\s+(?:and|&|to|with)\s+(.+)/,
  /\bhow (?:is|are|do|does)\s+(.+?)\s+(?:and|&)\s+(.+?)\s+(?:related|connected|linked)\b/,
  /\bcompare\s+(.+?)\s+(?:and|with|to)\s+(.+)/,
  /\bis\s+(.+?)\s+the same(?: thing)? as\s+(.+)/,
  /\bare\s+(.+?)\s+and\s+(.+?)\s+the same\b/,
  /(.+?)\s+(?:vs\.?|versus|v\.s\.?|compared (?:to|with))\s+(.+)/,
];

const CLAUSE_END = /[,;:?.!()]|\b(?:which|what|and|in terms|when|for|if|so)\b/;

/** The two things compared (a few words each), when the question is a comparison. */
export function findComparison(question: string): [string, string] | undefined {
  const text = question.toLowerCase();
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const left = lastWords(m[1] ?? '');
    const right = firstWords(m[2] ?? '');
    if (left && right) return [left, right];
  }
  return undefined;
}

function lastWords(text: string): string {
  const parts = text.split(/[,;:?.!()]/);
  return (parts[parts.length - 1] ?? '').trim().split(/\s+/).slice(-3).join(' ');
}

function firstWords(text: string): string {
  const cut = CLAUSE_END.exec(text);
  return (cut ? text.slice(0, cut.index) : text).trim().split(/\s+/).slice(0, 3).join(' ');
}
