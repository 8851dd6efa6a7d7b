import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** A private bucket for access logs (S3, CloudFront, load balancer, VPC flow logs), kept 90 days. */
export function logBucket(scope: Construct, id: string, options: { objectOwnership?: s3.ObjectOwnership } = {}): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    // Load balancer and CloudFront log delivery support SSE-S3 only, not SSE-KMS.
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: options.objectOwnership ?? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(90) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This is the access-log bucket itself; logging its own access would log the log deliveries, recursively.',
  });
  return bucket;
}
