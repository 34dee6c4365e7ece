import type { RecordedResource } from '@student-helper/infra-testing';
import { describe, expect, it } from 'vitest';
import { generatedSection, updateDocument } from './infrastructure-doc.js';

const resources: RecordedResource[] = [
  { urn: 'u:c', type: 'student-helper:messaging:JobQueue', name: 'jobs', custom: false, inputs: {}, state: {} },
  { urn: 'u:q', type: 'aws:sqs/queue:Queue', name: 'jobs', parent: 'u:c', custom: true, id: 'q-url-1', inputs: {}, state: {} },
  { urn: 'u:d', type: 'aws:sqs/queue:Queue', name: 'jobs-dlq', parent: 'u:c', custom: true, id: 'q-url-2', inputs: {}, state: {} },
];

describe('generatedSection', () => {
  it('renders the diagram and the resource counts between markers', () => {
    expect(generatedSection('dev', resources)).toBe(
      [
        '<!-- BEGIN GENERATED: nx run infra:graph --configuration=dev -->',
        '### Stack `dev`: 2 resources in 1 components',
        '',
        '```mermaid',
        'flowchart LR',
        '  subgraph messaging',
        '    c1["JobQueue<br/>jobs"]',
        '  end',
        '```',
        '',
        '| resource type | count |',
        '|---|---|',
        '| `aws:sqs/queue:Queue` | 2 |',
        '<!-- END GENERATED: dev -->',
      ].join('\n'),
    );
  });
});

describe('updateDocument', () => {
  const section = generatedSection('dev', resources);

  it('appends a missing section and replaces an existing one in place', () => {
    const appended = updateDocument('# Infra\n\nprose\n', 'dev', section);
    expect(appended).toBe(`# Infra\n\nprose\n\n${section}\n`);
    const replaced = updateDocument(appended.replace('2 resources', 'OLD'), 'dev', section);
    expect(replaced).toBe(appended);
    const withProd = updateDocument(appended, 'prod', generatedSection('prod', resources));
    expect(updateDocument(withProd, 'dev', section)).toBe(withProd);
  });

  it('refuses unbalanced markers instead of guessing', () => {
    expect(() => updateDocument('<!-- END GENERATED: dev -->', 'dev', section)).toThrow("unbalanced generated markers for stack 'dev'");
  });
});
