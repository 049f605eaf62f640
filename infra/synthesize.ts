import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  // Each acknowledgement sits beside its construct with a reason; see assertNoNagFindings.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

/** Synthesizes the app and fails on any cdk-nag finding that is not acknowledged. */
export function synthesize(app: App): CloudFormationTemplate {
  const assembly = app.synth();
  assertNoNagFindings(assembly.directory);
  return assembly.getStackByName(STACK_NAME).template as CloudFormationTemplate;
}

/** The synthesized CloudFormation template of the Lindung stack (in a throwaway assembly unless `outdir` is given). */
export function synthesizeTemplate(options: SynthesizeOptions): CloudFormationTemplate {
  const outdir = options.outdir ?? mkdtempSync(path.join(os.tmpdir(), 'lindung-cdk-'));
  try {
    return synthesize(buildApp({ ...options, outdir }).app);
  } finally {
    if (!options.outdir) rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * CDK fails synthesis on cdk-nag errors only; warnings pass with a printed report. Lindung
 * wants zero unacknowledged findings of either severity, so the report is read back here.
 */
export function assertNoNagFindings(assemblyDirectory: string): void {
  const reportFile = path.join(assemblyDirectory, 'validation-report.json');
  if (!existsSync(reportFile)) throw new Error(`cdk-nag wrote no report in ${assemblyDirectory}: are its checks enabled?`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    pluginReports: { violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[];
  };
  const findings = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} (${v.severity}) at ${c.constructPath}`)),
  );
  if (findings.length > 0) {
    throw new Error(
      `cdk-nag found ${findings.length} unacknowledged finding(s):\n  ${findings.join('\n  ')}\n` +
        'Fix them, or acknowledge each beside its construct with Validations.of(construct).acknowledge({ id, reason }).',
    );
  }
}

export interface CloudFormationTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}
