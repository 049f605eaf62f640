import { ROLES } from '../auth/roles';
import { RegulationInput } from '../domain/regulation';
import type { RouteSpec } from './route-spec';
import {
  ApplyRegulationResult,
  AuditEventList,
  AuditQuery,
  OpenApiDocument,
  PremiumQuery,
  Regulation as RegulationResponse,
  RegulationHistory,
  RegulationList,
  RegulationParams,
  RegulationPremiums,
  RegulationVersionParams,
  WhoAmI,
} from './schemas';

/** Every route of the HTTP API. Adding one here adds it to the stack, the OpenAPI document and the local API. */
export const routes = {
  openApi: {
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/platform/openapi.ts',
    summary: 'This API, as an OpenAPI 3.1 document',
    access: 'public',
    response: OpenApiDocument,
  },
  whoAmI: {
    method: 'GET',
    path: '/me',
    entry: 'functions/platform/who-am-i.ts',
    summary: 'The caller as the API sees them: user and roles',
    access: ROLES,
    response: WhoAmI,
  },
  listRegulations: {
    method: 'GET',
    path: '/regulations',
    entry: 'functions/regulations/list.ts',
    summary: 'All regulations, at their current version',
    access: ROLES,
    response: RegulationList,
  },
  applyRegulation: {
    method: 'PUT',
    path: '/regulations/{id}',
    entry: 'functions/regulations/apply.ts',
    summary: 'Create a regulation, or amend it into a new version (an identical document changes nothing)',
    access: ['admin'],
    params: RegulationParams,
    body: RegulationInput,
    response: ApplyRegulationResult,
  },
  getRegulation: {
    method: 'GET',
    path: '/regulations/{id}',
    entry: 'functions/regulations/get.ts',
    summary: 'The current version of a regulation',
    access: ROLES,
    params: RegulationParams,
    response: RegulationResponse,
  },
  regulationHistory: {
    method: 'GET',
    path: '/regulations/{id}/versions',
    entry: 'functions/regulations/history.ts',
    summary: 'Every version of a regulation, with who changed what and when',
    access: ROLES,
    params: RegulationParams,
    response: RegulationHistory,
  },
  getRegulationVersion: {
    method: 'GET',
    path: '/regulations/{id}/versions/{version}',
    entry: 'functions/regulations/get-version.ts',
    summary: 'One past or current version of a regulation',
    access: ROLES,
    params: RegulationVersionParams,
    response: RegulationResponse,
  },
  regulationPremiums: {
    method: 'GET',
    path: '/regulations/{id}/premiums',
    entry: 'functions/regulations/premiums.ts',
    summary: "Each segment's monthly premium per person for one month, from the rates in force then",
    access: ROLES,
    params: RegulationParams,
    query: PremiumQuery,
    response: RegulationPremiums,
  },
  auditEvents: {
    method: 'GET',
    path: '/audit-events',
    entry: 'functions/audit/list-events.ts',
    summary: 'The audit trail of one entity, oldest first',
    access: ['auditor', 'admin', 'finance'],
    query: AuditQuery,
    response: AuditEventList,
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;
export const allRoutes: readonly RouteSpec[] = Object.values(routes);
