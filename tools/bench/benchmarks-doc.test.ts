import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appendToSection, recordBenchmark } from './benchmarks-doc.js';

describe('appendToSection', () => {
  it('creates the section with its intro at the end when missing', () => {
    expect(appendToSection('# Benchmarks\n\n## Other\n\n- x\n\n', 'Parsing', 'Intro.\n', '### run 1\n')).toBe(
      '# Benchmarks\n\n## Other\n\n- x\n\n## Parsing\n\nIntro.\n\n### run 1\n',
    );
  });

  it('appends to the section when it is the last one', () => {
    expect(appendToSection('# B\n\n## Parsing\n\nIntro.\n\n### run 1\n', 'Parsing', 'Intro.\n', '### run 2\n')).toBe(
      '# B\n\n## Parsing\n\nIntro.\n\n### run 1\n\n### run 2\n',
    );
  });

  it('appends inside the section, before the next one', () => {
    expect(appendToSection('# B\n\n## Parsing\n\n### run 1\n\n## Search\n\n- y\n', 'Parsing', 'Intro.\n', '### run 2\n')).toBe(
      '# B\n\n## Parsing\n\n### run 1\n\n### run 2\n\n## Search\n\n- y\n',
    );
  });
});

describe('recordBenchmark', () => {
  it('creates the document, then appends each run to its section', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'benchmarks-doc-'));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const document = path.join(dir, 'benchmarks.md');
      recordBenchmark('Parsing', ['Intro line one,', 'line two.'], '### run 1\n', document);
      writeFileSync(document, `${readFileSync(document, 'utf8')}\n## Search\n\n- y\n`);
      recordBenchmark('Parsing', ['Intro line one,', 'line two.'], '### run 2\n', document);
      expect(readFileSync(document, 'utf8')).toBe('# Benchmarks\n\n## Parsing\n\nIntro line one,\nline two.\n\n### run 1\n\n### run 2\n\n## Search\n\n- y\n');
    } finally {
      write.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
