// npm scripts put node_modules/.bin first on PATH, so the `node@24` devDependency is what runs
// them. Anything older means the dependencies were not installed, or a script was run with a
// system Node directly; say how to fix that instead of failing later with an obscure error.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `Lindung needs Node.js 24 or newer, but this is Node ${process.versions.node}.\n` +
      'Run `npm ci` first: it installs Node 24 as a dev dependency, and `npm start` / `npm test` use it.\n' +
      'To run a file by hand, use `npx tsx FILE` so that the same Node 24 is picked up.\n',
  );
  process.exit(1);
}
