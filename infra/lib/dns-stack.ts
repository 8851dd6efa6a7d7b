/**
 * The public hosted zone of the base domain, alone in a stack so it can be deployed first: its
 * four name servers go into the registrar (Cloudflare) before any certificate can validate.
 * Route 53 is global; the stack lives in us-east-1 next to the CloudFront stack.
 */
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { FluxionConfig } from './config.js';

export interface DnsStackProps extends StackProps {
  readonly config: FluxionConfig;
}

export class DnsStack extends Stack {
  readonly zone: route53.PublicHostedZone;

  constructor(scope: Construct, id: string, props: DnsStackProps) {
    super(scope, id, props);
    this.zone = new route53.PublicHostedZone(this, 'Zone', {
      zoneName: props.config.domainName,
      comment: `Fluxion: ${props.config.domainName} (apex and *.${props.config.domainName} → CloudFront, api → load balancer)`,
    });
    new CfnOutput(this, 'NameServers', {
      value: Fn.join(' ', this.zone.hostedZoneNameServers!),
      description: 'Set these four as the custom name servers of the domain at the registrar (Cloudflare)',
    });
    new CfnOutput(this, 'HostedZoneId', { value: this.zone.hostedZoneId });
  }
}
