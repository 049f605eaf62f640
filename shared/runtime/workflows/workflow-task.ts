import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger, metrics, tracer } from '../observability/powertools';

/**
 * Wraps a workflow step into a Lambda handler: Powertools logging, metrics and tracing, and the
 * step's input validated by the Powertools parser. Errors are thrown on to Step Functions, whose
 * Retry and Catch match them by name.
 */
export function workflowTask<S extends z.ZodType, R>(input: S, step: (input: z.output<S>, context: Context) => Promise<R>) {
  return middy<z.output<S>, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics))
    .use(parser({ schema: input }))
    .handler(async (event, context) => {
      const result = await step(event, context);
      metrics.addDimensions({ step: context.functionName });
      metrics.addMetric('WorkflowStepsCompleted', MetricUnit.Count, 1);
      return result;
    });
}
