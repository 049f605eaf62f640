import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, specifiersOf } from './source-imports';

/**
 * The layers of docs/architecture.md: arrows only point inward. The core (shared/core) holds the
 * rules and the ports, so it may import only itself, shared/lib and plain libraries; what speaks
 * HTTP, runs Lambda, stores data or writes documents depends on it, never the other way round.
 */
const REPO = path.resolve(import.meta.dirname, '..', '..');
const CORE = path.join(REPO, 'shared', 'core');
const OUTER_LAYERS = ['shared/api', 'shared/runtime', 'shared/adapters', 'shared/documents', 'infra', 'functions', 'cli', 'web'];
/** Packages that are the cloud or the runtime, not the domain. */
const OUTER_PACKAGES = /^(@aws-sdk\/|@aws-lambda-powertools\/|@middy\/|aws-lambda$|aws-cdk-lib|constructs$)/;

function outwardImports(file: string): string[] {
  return specifiersOf(readFileSync(file, 'utf8')).flatMap((specifier) => {
    if (specifier.startsWith('.')) {
      const target = path.relative(REPO, path.resolve(path.dirname(file), specifier));
      const layer = OUTER_LAYERS.find((outer) => target === outer || target.startsWith(`${outer}/`));
      return layer ? [`${specifier} (${layer})`] : [];
    }
    return OUTER_PACKAGES.test(specifier) ? [specifier] : [];
  });
}

describe('the domain core', () => {
  it('imports nothing from the API, the runtime, the adapters, documents, infra, functions or an AWS SDK', () => {
    const violations = [...sourceFiles(CORE)].flatMap((file) =>
      outwardImports(file).map((target) => `${path.relative(REPO, file)} imports ${target}`),
    );
    expect(violations).toEqual([]);
  });

  it('is found by the check: an outward import is reported', () => {
    expect(specifiersOf("import { x } from '../../api/schemas';\nexport { y } from '@aws-sdk/client-sfn';")).toEqual([
      '../../api/schemas',
      '@aws-sdk/client-sfn',
    ]);
  });
});
