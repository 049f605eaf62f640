import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LindungStack } from './lindung-stack';

export const STACK_NAME = 'Lindung';

export interface SynthesizeOptions {
  /**
   * Bundle the Lambda code with esbuild. The local stack runs handlers from source and only
   * needs the template, so it skips bundling to start in seconds.
   */
  readonly bundle: boolean;
  /** Cloud assembly directory; a temporary one when omitted. */
  readonly outdir?: string;
}

/** Builds the CDK app with cdk-nag's AwsSolutions checks, as `cdk synth` does. */
export function buildApp(options: SynthesizeOptions): { app: App; stack: LindungStack } {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new LindungStack(app, STACK_NAME, {
    description: 'Lindung: regional BPJS Ketenagakerjaan premium subsidies',
  });
  // A finding fails the synthesis; each acknowledgement sits beside its construct with a reason.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

/** The synthesized CloudFormation template of the Lindung stack. */
export function synthesizeTemplate(options: SynthesizeOptions): CloudFormationTemplate {
  const { app } = buildApp(options);
  return app.synth().getStackByName(STACK_NAME).template as CloudFormationTemplate;
}

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}
