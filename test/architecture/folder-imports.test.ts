import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, specifiersOf } from './source-imports';

/**
 * The top-level folders depend on each other one way: everything may use shared/, shared/ uses
 * nothing outside itself, and the deployable parts (handlers, CLI, console) never reach into the
 * infrastructure. The CDK app builds the console with its builder (web/build.ts), never with
 * the console's sources. Tests, scripts and bin/ may import anything.
 */
const REPO = path.resolve(import.meta.dirname, '..', '..');
const MAY_IMPORT: Record<string, readonly string[]> = {
  shared: ['shared'],
  functions: ['functions', 'shared'],
  cli: ['cli', 'shared'],
  web: ['web', 'shared'],
  infra: ['infra', 'shared', 'web/build'],
};

function isWithin(target: string, folder: string): boolean {
  return target === folder || target.startsWith(`${folder}/`);
}

function wrongImports(folder: string): string[] {
  return [...sourceFiles(path.join(REPO, folder))].flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8'))
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => path.relative(REPO, path.resolve(path.dirname(file), specifier)))
      .filter((target) => !MAY_IMPORT[folder]!.some((allowed) => isWithin(target, allowed)))
      .map((target) => `${path.relative(REPO, file)} imports ${target}`),
  );
}

describe('the top-level folders', () => {
  for (const folder of Object.keys(MAY_IMPORT)) {
    it(`${folder}/ imports only from ${MAY_IMPORT[folder]!.join(', ')}`, () => {
      expect(wrongImports(folder)).toEqual([]);
    });
  }
});
