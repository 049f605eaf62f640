import { buildApp, synthesize } from './synthesize';

// `cdk synth` / `cdk deploy` entry point (see cdk.json). Any unacknowledged cdk-nag finding,
// warnings included, makes it fail.
synthesize(buildApp({ bundle: true }).app);
