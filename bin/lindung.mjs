#!/usr/bin/env node
// The `lindung` CLI. npx puts node_modules/.bin first on PATH, so this runs on the project's Node 24.
if (Number(process.versions.node.split('.')[0]) < 24) {
  process.stderr.write(`lindung needs Node.js 24 or newer (this is ${process.versions.node}). Run it as \`npx lindung\` after \`npm ci\`.\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
await import('../cli/main.ts');
