import { describe, expect, it } from 'vitest';
import { appendToSection } from './benchmarks-doc.js';

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
