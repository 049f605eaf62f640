import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md tells a newcomer where each of the most asked rules lives. The table is
 * only useful while it is right, so each row's file must exist and export the function named.
 */
const REPO = path.resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(path.join(REPO, 'docs', 'architecture.md'), 'utf8');

function ruleRows(markdown: string): { rule: string; home: string; fn: string }[] {
  const section = markdown.split('## Where does rule X live?')[1]?.split('\n\n').find((block) => block.startsWith('| Rule | Home | Function |'));
  if (!section) return [];
  return section
    .split('\n')
    .slice(2)
    .map((line) => /^\| (.+?) \| `([^`]+)` \| `([^`]+)` \|$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ rule: match[1]!, home: match[2]!, fn: match[3]! }));
}

describe('docs/architecture.md, "where does rule X live"', () => {
  const rows = ruleRows(doc);

  it('lists the ten most asked rules', () => {
    expect(rows).toHaveLength(10);
  });

  it.each(rows)('$rule → $home exports $fn', ({ home, fn }) => {
    const file = path.join(REPO, home);
    expect(existsSync(file), `${home} does not exist`).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`^export (async )?(function|const) ${fn}\\b`, 'm'));
  });
});
