import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { maskPersonalData } from '../../core/people/personal-data';

/**
 * One logger, metrics and tracer per Lambda process, configured from the POWERTOOLS_*
 * environment the CDK app sets. The logger masks every NIK in whatever it serialises, so a
 * handler that logs a row or an error by mistake still does not leak one.
 */
export const logger = new Logger({
  jsonReplacerFn: (_key, value) => (typeof value === 'string' ? maskPersonalData(value) : value),
});
export const metrics = new Metrics();
export const tracer = new Tracer();
