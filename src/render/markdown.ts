/** The Markdown subset used in content and messages, split into pieces the renderers map one by one. */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'italic'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; url: string };

export type Line =
  | { kind: 'code'; lang: string; lines: string[] }
  | { kind: 'bullet'; inline: Inline[] }
  | { kind: 'numbered'; number: string; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'blank' };

const INLINE =
  /`([^`]+)`|\*\*(.+?)\*\*|(?<![\w*])_(?!\s)(.+?)(?<!\s)_(?!\w)|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'bold', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'italic', text: m[3] });
    else out.push({ kind: 'link', text: m[4] ?? '', url: m[5] ?? '' });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

export function parseLines(markdown: string): Line[] {
  const out: Line[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^```\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^```\s*$/.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
      out.push({ kind: 'code', lang: fence[1] ?? '', lines: body });
      continue;
    }
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*(\d+)\.\s+(.*)$/.exec(line);
    if (bullet) out.push({ kind: 'bullet', inline: parseInline(bullet[1] ?? '') });
    else if (numbered)
      out.push({ kind: 'numbered', number: numbered[1] ?? '', inline: parseInline(numbered[2] ?? '') });
    else if (line.trim() === '') out.push({ kind: 'blank' });
    else out.push({ kind: 'paragraph', inline: parseInline(line.trim()) });
  }
  return out;
}
