#!/usr/bin/env node
/**
 * `cdk synth|deploy -c domainName=fluxionia.co -c mode=duckdb -c image=<uri> …` (docs/deploy.md).
 * Every parameter is CDK context; the account comes from the AWS credentials the CLI uses
 * (CDK_DEFAULT_ACCOUNT) unless `-c account=` is given. Synth makes no AWS call.
 */
import { App } from 'aws-cdk-lib';
import { addFluxion } from '../lib/app.js';
import { CONTEXT_KEYS, ConfigError, parseConfig, type RawConfig } from '../lib/config.js';

const app = new App();
const raw: RawConfig = {};
for (const key of CONTEXT_KEYS) raw[key] = app.node.tryGetContext(key);
raw.account ??= process.env.CDK_DEFAULT_ACCOUNT;
raw.region ??= process.env.CDK_DEFAULT_REGION;

try {
  addFluxion(app, parseConfig(raw));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
app.synth();
