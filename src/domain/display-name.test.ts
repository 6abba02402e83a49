import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISPLAY_NAME_MAX, displayNameKey, displayNameProblem, normalizeDisplayName } from './display-name.js';

describe('public names', () => {
  it('accepts names in any script, with inner spaces, dots, underscores and hyphens', () => {
    for (const name of ['Ann', 'Ann Lee', 'a.lee_2', 'José-María', '李小龍', 'Ωmega 3', 'reader-12']) expect(displayNameProblem(name), name).toBeNull();
  });

  it('refuses what is too short, too long, oddly shaped, all digits, generated-looking or reserved', () => {
    for (const name of ['Al', 'x'.repeat(DISPLAY_NAME_MAX + 1), '-ann', 'ann.', 'ann@example.org', '<b>ann</b>', 'ann\u202eeve', '12345', 'reader-0a1b2c3d', 'Admin', 'PAPERBOY', 'deleted account']) {
      expect(displayNameProblem(normalizeDisplayName(name)), name).not.toBeNull();
    }
  });

  it('normalizes compatibility forms and spaces, and keys by case', () => {
    expect(normalizeDisplayName('  Ａｎｎ   Lee ')).toBe('Ann Lee');
    expect(displayNameKey('ANN lee')).toBe(displayNameKey('Ａｎｎ  Lee'));
  });

  it('accepts nothing that could carry markup, a URL scheme or an address', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const name = normalizeDisplayName(raw);
        if (displayNameProblem(name) === null) expect(name).not.toMatch(/[<>"'&:/@\\]/);
      }),
    );
  });
});
