import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../shared/api/openapi';
import { allRoutes } from '../shared/api/routes';

// Regenerates the checked-in docs/openapi.json (a test fails when it is out of date).
writeFileSync(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(openApiDocument(allRoutes), null, 2)}\n`);
process.stdout.write('wrote docs/openapi.json\n');
