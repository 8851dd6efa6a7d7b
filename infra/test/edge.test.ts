/** The DNS and CloudFront stacks (us-east-1): zone, certificate, bucket, distribution, records. */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../lib/edge-stack.js';
import { DOMAIN, only, synth } from './support.js';

// AWS-managed CloudFront policies (their ids are fixed by AWS).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

describe.each([
  ['duckdb', {}],
  ['postgres', { mode: 'postgres' }],
])('%s mode', (_mode, overrides) => {
  const s = synth(overrides);
  const distribution = () => only(s.edge, 'AWS::CloudFront::Distribution');
  const config = () => distribution().Properties.DistributionConfig;

  test('the DNS and CloudFront stacks are in us-east-1 (CloudFront takes certificates from there only)', () => {
    expect(s.stacks.dns.region).toBe('us-east-1');
    expect(s.stacks.edge.region).toBe('us-east-1');
  });

  test('a public hosted zone for the domain, with its name servers as an output', () => {
    only(s.dns, 'AWS::Route53::HostedZone', { Name: `${DOMAIN}.` });
    s.dns.hasOutput('NameServers', { Value: { 'Fn::Join': [' ', { 'Fn::GetAtt': [Match.anyValue(), 'NameServers'] }] } });
  });

  test('CloudFront certificate: apex + wildcard, validated by DNS in the zone', () => {
    const cert = only(s.edge, 'AWS::CertificateManager::Certificate');
    expect(cert.Properties).toMatchObject({ DomainName: DOMAIN, SubjectAlternativeNames: [`*.${DOMAIN}`], ValidationMethod: 'DNS' });
    // One validation record serves both names (ACM uses the same CNAME for x and *.x), in the zone of the dns stack.
    expect(cert.Properties.DomainValidationOptions).toEqual([{ DomainName: DOMAIN, HostedZoneId: { 'Fn::ImportValue': expect.stringMatching(/^Fluxion-dns:ExportsOutputRefZone/) } }]);
    expect(config().ViewerCertificate).toEqual({ AcmCertificateArn: { Ref: cert.logicalId }, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
  });

  test('one distribution for the apex and every tenant sub-domain', () => {
    expect(config().Aliases).toEqual([DOMAIN, `*.${DOMAIN}`]);
    expect(config().DefaultRootObject).toBe('index.html');
  });

  test('the web bucket is private: public access blocked, TLS only, encrypted, read by CloudFront through origin access control', () => {
    const bucket = only(s.edge, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    const policy = only(s.edge, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucket.logicalId } }).Properties.PolicyDocument.Statement;
    expect(policy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
        }),
      ]),
    );
    // Origin access control, not the legacy origin access identity.
    const oac = only(s.edge, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    s.edge.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const s3Origin = config().Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [bucket.logicalId, 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oac.logicalId, 'Id'] });
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(config().DefaultCacheBehavior.TargetOriginId).toBe(s3Origin.Id);
  });

  test('the static bundle is cached once for every host: no Host (nor any header, cookie or query) in the cache key', () => {
    const policyRef = config().DefaultCacheBehavior.CachePolicyId;
    const policy = only(s.edge, 'AWS::CloudFront::CachePolicy');
    expect(policyRef).toEqual({ Ref: policy.logicalId });
    const key = policy.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.HeadersConfig).toEqual({ HeaderBehavior: 'none' });
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(key.QueryStringsConfig).toEqual({ QueryStringBehavior: 'none' });
    // index.html's no-cache is honoured (min TTL 0); hashed assets may stay a year.
    expect(policy.Properties.CachePolicyConfig).toMatchObject({ MinTTL: 0, MaxTTL: 31536000 });
    expect(config().DefaultCacheBehavior.OriginRequestPolicyId).toBeUndefined();
    expect(config().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  test('/api/* goes to the load balancer at api.<domain> over HTTPS: caching disabled, every viewer header (Host), cookie and query forwarded, all methods', () => {
    const behaviors = config().CacheBehaviors;
    expect(behaviors).toHaveLength(1);
    const api = behaviors[0];
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER,
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    const origin = config().Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(origin).toMatchObject({
      DomainName: `api.${DOMAIN}`,
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 60 },
    });
  });

  test('security headers on the shell served from S3 mirror the server\'s (CSP, HSTS, frame denial)', () => {
    const policy = only(s.edge, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(config().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policy.logicalId });
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true });
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
  });

  test('apex and wildcard records (A and AAAA) alias the distribution: a new tenant needs no DNS change', () => {
    for (const type of ['A', 'AAAA']) {
      for (const name of [`${DOMAIN}.`, `*.${DOMAIN}.`]) {
        only(s.edge, 'AWS::Route53::RecordSet', {
          Name: name,
          Type: type,
          AliasTarget: { DNSName: { 'Fn::GetAtt': [distribution().logicalId, 'DomainName'] }, HostedZoneId: Match.anyValue() },
        });
      }
    }
    s.edge.resourceCountIs('AWS::Route53::RecordSet', 4);
  });

  test('access logs of CloudFront and of the bucket go to a private log bucket', () => {
    expect(config().Logging).toMatchObject({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^AccessLogs/), 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
    const web = only(s.edge, 'AWS::S3::Bucket', { VersioningConfiguration: { Status: 'Enabled' } });
    expect(web.Properties.LoggingConfiguration).toMatchObject({ DestinationBucketName: { Ref: expect.stringMatching(/^AccessLogs/) }, LogFilePrefix: 's3-web/' });
  });
});
