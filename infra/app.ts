import { buildApp } from './synthesize';

// `cdk synth` / `cdk deploy` entry point (see cdk.json).
buildApp({ bundle: true }).app.synth();
