import { stripVTControlCharacters } from 'node:util';
import type { Block, Message, View } from '../message';
import { type Inline, parseLines } from './markdown';

export interface TextStyle {
  /** Use ANSI colours and bold (a terminal that wants them). */
  color: boolean;
  /** Wrap prose to this many columns. */
  width: number;
}

const PLAIN: TextStyle = { color: false, width: 100 };

const ansi = (on: boolean, code: string, text: string) => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

function inlineToText(part: Inline, style: TextStyle): string {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'bold':
      return ansi(style.color, '1', part.text);
    case 'italic':
      return ansi(style.color, '3', part.text);
    case 'code':
      return style.color ? ansi(true, '36', part.text) : `\`${part.text}\``;
    case 'link':
      return `${part.text} (${part.url})`;
  }
}

const inlinesToText = (parts: Inline[], style: TextStyle) =>
  parts.map((p) => inlineToText(p, style)).join('');

/** Columns a string takes on screen (ANSI styles take none). */
const visibleWidth = (s: string) => Array.from(stripVTControlCharacters(s)).length;

/** Wraps one line of prose at spaces; ANSI codes do not count towards the width. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && visibleWidth(line) + 1 + visibleWidth(word) > width - visibleWidth(indent)) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  out.push(indent + line);
  return out;
}

/** Converts the content's Markdown subset to terminal text. */
export function markdownToText(markdown: string, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  for (const line of parseLines(markdown)) {
    switch (line.kind) {
      case 'code':
        out.push(...line.lines.map((l) => ansi(style.color, '2', `    ${l}`)));
        break;
      case 'bullet':
        out.push(
          ...wrap(inlinesToText(line.inline, style), style.width, '    ').map((l, i) =>
            i ? l : `  • ${l.slice(4)}`,
          ),
        );
        break;
      case 'numbered':
        out.push(
          ...wrap(inlinesToText(line.inline, style), style.width, '    ').map((l, i) =>
            i ? l : `  ${line.number}. ${l.slice(4)}`,
          ),
        );
        break;
      case 'paragraph':
        out.push(...wrap(inlinesToText(line.inline, style), style.width));
        break;
      case 'blank':
        if (out.length && out[out.length - 1] !== '') out.push('');
        break;
    }
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function comparisonToText(block: Extract<Block, { type: 'comparison' }>, style: TextStyle): string {
  const aspectWidth = Math.max(...block.rows.map((r) => r.aspect.length), 6);
  const column = Math.max(20, Math.floor((style.width - aspectWidth - 6) / 2));
  const cell = (md: string) => wrap(markdownToText(md, { ...style, width: 10_000 }), column);
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - visibleWidth(s)));
  const rows = [
    { aspect: '', left: [ansi(style.color, '1', block.left)], right: [ansi(style.color, '1', block.right)] },
    ...block.rows.map((r) => ({ aspect: r.aspect, left: cell(r.left), right: cell(r.right) })),
  ];
  const lines: string[] = [];
  for (const row of rows) {
    const height = Math.max(row.left.length, row.right.length);
    for (let i = 0; i < height; i++) {
      const aspect = i === 0 ? ansi(style.color, '1', row.aspect) : '';
      lines.push(
        `${pad(aspect, aspectWidth)} | ${pad(row.left[i] ?? '', column)} | ${row.right[i] ?? ''}`.trimEnd(),
      );
    }
    lines.push(`${'-'.repeat(aspectWidth)}-+-${'-'.repeat(column)}-+-${'-'.repeat(column)}`);
  }
  return lines.join('\n');
}

function blockToText(block: Block, style: TextStyle): string | undefined {
  switch (block.type) {
    case 'header':
      return (
        ansi(style.color, '1;4', block.text) +
        (style.color ? '' : `\n${'='.repeat(Array.from(block.text).length)}`)
      );
    case 'markdown':
      return markdownToText(block.text, style);
    case 'comparison':
      return comparisonToText(block, style);
    case 'context':
      return ansi(style.color, '2', markdownToText(block.text, style));
    case 'divider':
      return '-'.repeat(Math.min(style.width, 40));
    case 'actions': {
      const hints = block.buttons.filter((b) => b.hint).map((b) => `→ ${b.label}: ${b.hint}`);
      return hints.length ? hints.join('\n') : undefined;
    }
    case 'channels':
      return `${ansi(style.color, '1', block.label)}: ${block.ids.map((id) => `#${id}`).join(', ') || 'none'}`;
    case 'fields':
      return block.fields
        .map(
          (f) => `${ansi(style.color, '1', f.label)}: ${markdownToText(f.text, { ...style, width: 10_000 })}`,
        )
        .join('\n');
    case 'choice': {
      const lines = [markdownToText(block.text, style)];
      block.options.forEach((o, i) => {
        const picked = o.value === block.initial ? ' (chosen)' : '';
        lines.push(`  ${i + 1}. ${o.label}${o.description ? ` (${o.description})` : ''}${picked}`);
      });
      if (block.hint) lines.push(`→ ${block.hint}`);
      return lines.join('\n');
    }
  }
}

/** Renders a view for a terminal: a modal's title as its header, then its blocks. */
export function viewToText(view: View, style: TextStyle = PLAIN): string {
  const blocks: Block[] =
    view.type === 'modal' ? [{ type: 'header', text: view.title }, ...view.blocks] : view.blocks;
  return toText({ text: '', blocks }, style);
}

/** Renders a message for a terminal (or a pipe, without colours). */
export function toText(message: Message, style: TextStyle = PLAIN): string {
  if (message.blocks.length === 0) return message.text;
  return message.blocks
    .map((b) => blockToText(b, style))
    .filter((s): s is string => s !== undefined && s !== '')
    .join('\n\n');
}
