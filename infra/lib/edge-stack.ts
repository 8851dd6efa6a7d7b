/**
 * us-east-1: everything CloudFront needs, because CloudFront only accepts certificates from
 * ACM in us-east-1. One distribution serves the apex and every tenant sub-domain (`*.domain`),
 * so a new tenant needs no alias, certificate or DNS record:
 *
 * - default behaviour → the private S3 bucket of the static web app (origin access control),
 *   cached once for every host (the cache key has no Host: the bundle is the same for all
 *   tenants; branding comes from the API), with a CloudFront Function for the SPA fallback;
 * - `/api/*` → the load balancer at `api.<domain>` over HTTPS, caching off, every viewer header
 *   (Host above all: the server resolves the tenant from it), cookie and query string forwarded.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import path from 'node:path';
import type { FluxionConfig } from './config.js';
import { logBucket } from './log-bucket.js';

export interface EdgeStackProps extends StackProps {
  readonly config: FluxionConfig;
  readonly zone: route53.IHostedZone;
}

/** Mirrors the server's policy (src/server/plugins/security-headers.ts) for the shell served from S3. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

export const SPA_FALLBACK_FILE = path.join(__dirname, 'spa-fallback.js');

export class EdgeStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config, zone } = props;
    const domain = config.domainName;

    const logs = logBucket(this, 'AccessLogs', {
      // CloudFront's standard logs are delivered with an ACL grant.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    });

    this.bucket = new s3.Bucket(this, 'Web', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // An upload that goes wrong can be rolled back to the previous index.html.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3-web/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: domain,
      subjectAlternativeNames: [`*.${domain}`],
      validation: acm.CertificateValidation.fromDns(zone),
    });

    const spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      comment: 'Extension-less paths are app routes: serve /index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromFile({ filePath: SPA_FALLBACK_FILE }),
    });

    // One cache entry per file for every host: no header (no Host), cookie or query string in
    // the key. min TTL 0 so index.html's `Cache-Control: no-cache` is honoured as it is; the
    // content-hashed assets carry `max-age=31536000, immutable` (fluxion web-bundle prints the
    // upload commands that set both).
    const staticCache = new cloudfront.CachePolicy(this, 'StaticBundleCache', {
      comment: 'Static web app: the same files for every tenant host',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // The server sends these itself on what it serves; the shell from S3 needs them from here.
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Fluxion web app security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    const api = new origins.HttpOrigin(`api.${domain}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      // The default quota's maximum: imports with ?wait= and POST /forecast/runs answer when done.
      readTimeout: Duration.seconds(60),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Fluxion ${domain} and *.${domain}`,
      domainNames: [domain, `*.${domain}`],
      certificate,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: cloudfront.SSLMethod.SNI,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultRootObject: 'index.html',
      // Edges in South America too: the first customers are in Venezuela.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: staticCache,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: api,
          // A redirect would drop a POST body: the API is HTTPS only.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
        },
      },
      // No errorResponses on purpose: they apply to every behaviour and would turn the API's
      // JSON 403/404 answers into index.html. The SPA fallback is the function above.
    });

    for (const [id, name] of [
      ['Apex', undefined],
      ['Wildcard', '*'],
    ] as const) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, `${id}A`, { zone, recordName: name, target });
      new route53.AaaaRecord(this, `${id}Aaaa`, { zone, recordName: name, target });
    }

    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'No geo restriction: tenants and their staff may be anywhere; access is per tenant account.' },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'No WAF web ACL by default (USD 5+/month): the API enforces per-tenant rate limits and sign-in throttling itself; docs/deploy.md shows how to attach one.',
      },
    );

    new CfnOutput(this, 'WebBucketName', { value: this.bucket.bucketName, description: 'aws s3 sync target for `fluxion web-bundle`' });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId, description: 'for aws cloudfront create-invalidation' });
    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
  }
}
