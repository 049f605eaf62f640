import { openApiDocument } from '../../shared/api/openapi';
import { allRoutes, routes } from '../../shared/api/routes';
import { routeHandler } from '../route-handler';

const document = openApiDocument(allRoutes);

export const handler = routeHandler(routes.openApi, async () => document);
