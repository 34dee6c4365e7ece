import type { RecordedResource } from '@student-helper/infra-testing';
import { mermaidDiagram } from './diagram.js';

const begin = (stack: string) => `<!-- BEGIN GENERATED: nx run infra:graph --configuration=${stack} -->`;
const end = (stack: string) => `<!-- END GENERATED: ${stack} -->`;

/** The generated section for one stack: the component diagram and resource counts by type. */
export function generatedSection(stack: string, resources: readonly RecordedResource[]): string {
  const custom = resources.filter((r) => r.custom);
  const counts = new Map<string, number>();
  for (const r of custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `| \`${type}\` | ${n} |`);
  return [
    begin(stack),
    `### Stack \`${stack}\`: ${custom.length} resources in ${resources.length - custom.length} components`,
    '',
    '```mermaid',
    mermaidDiagram(resources),
    '```',
    '',
    '| resource type | count |',
    '|---|---|',
    ...rows,
    end(stack),
  ].join('\n');
}

/** Replaces the stack's generated section in the document, or appends it if absent. */
export function updateDocument(document: string, stack: string, section: string): string {
  const start = document.indexOf(begin(stack));
  const stop = document.indexOf(end(stack));
  if (start >= 0 && stop > start) return document.slice(0, start) + section + document.slice(stop + end(stack).length);
  if (start >= 0 || stop >= 0) throw new Error(`docs/infrastructure.md: unbalanced generated markers for stack '${stack}'`);
  return `${document.trimEnd()}\n\n${section}\n`;
}
