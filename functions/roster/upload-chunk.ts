import { DynamoDbImportStore } from '../../shared/adapters/dynamodb/dynamodb-import-store';
import { routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';
import { uploadChunk } from '../../shared/core/roster/upload-chunk';

const store = new DynamoDbImportStore();

export const handler = routeHandler(routes.uploadChunk, async ({ params, body }) => uploadChunk(store, params.importId, params.seq, body.rows));
