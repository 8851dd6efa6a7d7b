/**
 * The whole deployment: three stacks, checked by cdk-nag's AwsSolutions pack at synth (a finding
 * that is not acknowledged, with its reason, in the code fails `cdk synth` and `cdk deploy`).
 *
 *   <prefix>-dns   us-east-1  the hosted zone (deployed first: its name servers go to the registrar)
 *   <prefix>-edge  us-east-1  CloudFront certificate, S3 bucket, distribution, apex + wildcard records
 *   <prefix>-app   <region>   VPC, load balancer + its certificate, `api` record, ECS, EFS or RDS + Redis, alarms
 *
 * References only flow from dns to the two others. The edge stack needs nothing from the app
 * stack: its API origin is the name `api.<domain>`.
 */
import { App, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AppStack } from './app-stack.js';
import type { FluxionConfig } from './config.js';
import { DnsStack } from './dns-stack.js';
import { EdgeStack } from './edge-stack.js';

export const EDGE_REGION = 'us-east-1';

export interface FluxionStacks {
  dns: DnsStack;
  edge: EdgeStack;
  app: AppStack;
}

export function addFluxion(app: App, config: FluxionConfig, options: { nag?: boolean } = {}): FluxionStacks {
  const edgeEnv: Environment = { account: config.account, region: EDGE_REGION };
  const appEnv: Environment = { account: config.account, region: config.region };
  // Only a region other than us-east-1 needs CDK's cross-region references (SSM parameters
  // written by a small custom resource); in us-east-1 plain stack exports do.
  const crossRegionReferences = config.region !== EDGE_REGION;
  const description = (what: string) => `Fluxion ${config.domainName} (${config.mode}): ${what}`;

  const dns = new DnsStack(app, `${config.prefix}-dns`, { env: edgeEnv, config, crossRegionReferences, description: description('hosted zone') });
  const edge = new EdgeStack(app, `${config.prefix}-edge`, { env: edgeEnv, config, zone: dns.zone, description: description('CloudFront, web bucket, certificate') });
  const appStack = new AppStack(app, `${config.prefix}-app`, {
    env: appEnv,
    config,
    zone: dns.zone,
    crossRegionReferences,
    description: description('load balancer, ECS service, database, alarms'),
  });
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { dns, edge, app: appStack };
}
