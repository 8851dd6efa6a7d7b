/** The regional stack: load balancer, ECS service, EFS or RDS + Redis, logs, metrics, alarms. */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { DATA_DIR, HEALTHCHECK_COMMAND, METRICS_NAMESPACE, NODE_UID } from '../lib/app-stack.js';
import { DOMAIN, only, synth } from './support.js';

const container = (t: Template) => only(t, 'AWS::ECS::TaskDefinition').Properties.ContainerDefinitions[0];
const env = (t: Template): Record<string, unknown> => Object.fromEntries(container(t).Environment.map((e: { Name: string; Value: unknown }) => [e.Name, e.Value]));
const secrets = (t: Template): Record<string, unknown> => Object.fromEntries((container(t).Secrets ?? []).map((e: { Name: string; ValueFrom: unknown }) => [e.Name, e.ValueFrom]));
const service = (t: Template) => only(t, 'AWS::ECS::Service').Properties;
const joined = (value: unknown): string => {
  // Renders an Fn::Join of literals and references as text, references as <Ref:Id> / <Id.Attr>.
  const v = value as any;
  if (typeof v === 'string') return v;
  if (v?.Ref) return `<${v.Ref}>`;
  if (v?.['Fn::GetAtt']) return `<${v['Fn::GetAtt'].join('.')}>`;
  if (v?.['Fn::Join']) return v['Fn::Join'][1].map(joined).join(v['Fn::Join'][0]);
  return JSON.stringify(v);
};

describe.each([
  ['duckdb', {}],
  ['postgres', { mode: 'postgres' }],
])('%s mode: common to both', (mode, overrides) => {
  const s = synth(overrides);
  const t = s.appTemplate;

  test('the regional certificate covers apex + wildcard (CloudFront forwards the tenant Host and checks it against the origin certificate)', () => {
    const cert = only(t, 'AWS::CertificateManager::Certificate');
    expect(cert.Properties).toMatchObject({ DomainName: DOMAIN, SubjectAlternativeNames: [`*.${DOMAIN}`], ValidationMethod: 'DNS' });
  });

  test('api.<domain> is an alias of the load balancer', () => {
    const alb = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    only(t, 'AWS::Route53::RecordSet', {
      Name: `api.${DOMAIN}.`,
      Type: 'A',
      AliasTarget: { DNSName: { 'Fn::Join': ['', ['dualstack.', { 'Fn::GetAtt': [alb.logicalId, 'DNSName'] }]] }, HostedZoneId: { 'Fn::GetAtt': [alb.logicalId, 'CanonicalHostedZoneID'] } },
    });
  });

  test('HTTPS 443 with the certificate and a TLS 1.2+ policy; HTTP 80 only redirects to 443', () => {
    const cert = only(t, 'AWS::CertificateManager::Certificate');
    const https = only(t, 'AWS::ElasticLoadBalancingV2::Listener', { Port: 443 }).Properties;
    expect(https).toMatchObject({ Protocol: 'HTTPS', Certificates: [{ CertificateArn: { Ref: cert.logicalId } }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    expect(https.DefaultActions[0].Type).toBe('forward');
    const http = only(t, 'AWS::ElasticLoadBalancingV2::Listener', { Port: 80 }).Properties;
    expect(http.DefaultActions).toEqual([{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }]);
  });

  test('the load balancer drops invalid headers and logs access to S3', () => {
    const attrs = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer').Properties.LoadBalancerAttributes;
    expect(attrs).toEqual(expect.arrayContaining([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }, { Key: 'access_logs.s3.enabled', Value: 'true' }]));
  });

  test('targets are the Fargate tasks on port 3000, healthy when /readyz answers 200', () => {
    const tg = only(t, 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties;
    expect(tg).toMatchObject({ Port: 3000, Protocol: 'HTTP', TargetType: 'ip', HealthCheckPath: '/readyz', Matcher: { HttpCode: '200' } });
    expect(service(t)).toMatchObject({ LaunchType: 'FARGATE', LoadBalancers: [{ ContainerName: 'fluxion', ContainerPort: 3000 }] });
  });

  test('the tasks admit traffic from the load balancer only', () => {
    const albSg = only(t, 'AWS::ElasticLoadBalancingV2::LoadBalancer').Properties.SecurityGroups[0]['Fn::GetAtt'][0];
    const serviceSg = service(t).NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    const ingress = t.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: { 'Fn::GetAtt': [serviceSg, 'GroupId'] } } });
    expect(Object.values(ingress).map((r: any) => r.Properties)).toEqual([expect.objectContaining({ FromPort: 3000, ToPort: 3000, SourceSecurityGroupId: { 'Fn::GetAtt': [albSg, 'GroupId'] } })]);
    expect(only(t, 'AWS::EC2::SecurityGroup', { GroupDescription: Match.stringLikeRegexp('Fluxion tasks') }).Properties.SecurityGroupIngress).toBeUndefined();
  });

  test('Container Insights is on; ECS Exec is on (how `fluxion tenant create` reaches the running server) and logged', () => {
    const cluster = only(t, 'AWS::ECS::Cluster').Properties;
    expect(cluster.ClusterSettings).toEqual([{ Name: 'containerInsights', Value: 'enabled' }]);
    expect(cluster.Configuration.ExecuteCommandConfiguration).toMatchObject({ Logging: 'OVERRIDE', LogConfiguration: { CloudWatchLogGroupName: { Ref: expect.stringMatching(/^ExecLogs/) } } });
    expect(service(t).EnableExecuteCommand).toBe(true);
    expect(container(t).LinuxParameters.InitProcessEnabled).toBe(true);
  });

  test('the container runs the image with the server\'s production environment', () => {
    expect(joined(container(t).Image)).toBe('123456789012.dkr.ecr.us-east-1.<AWS::URLSuffix>/fluxion:2025-06-01');
    expect(env(t)).toMatchObject({
      NODE_ENV: 'production',
      PORT: '3000',
      HOST: '0.0.0.0',
      FLUXION_BASE_DOMAIN: DOMAIN,
      FLUXION_PUBLIC_PROTOCOL: 'https',
      FLUXION_DATA_DIR: DATA_DIR,
      FLUXION_TRUST_PROXY: '2',
    });
    expect(container(t).PortMappings).toEqual([{ ContainerPort: 3000, Protocol: 'tcp' }]);
    expect(container(t).HealthCheck.Command).toEqual(['CMD', ...HEALTHCHECK_COMMAND]);
  });

  test('the execution role may pull from the image\'s ECR repository only', () => {
    const statements = only(t, 'AWS::IAM::Policy', { PolicyName: Match.stringLikeRegexp('ExecutionRole') }).Properties.PolicyDocument.Statement;
    const pull = statements.find((x: any) => [x.Action].flat().includes('ecr:BatchGetImage'));
    expect(joined(pull.Resource)).toBe('arn:<AWS::Partition>:ecr:us-east-1:123456789012:repository/fluxion');
    // The only '*' is the authorization token, which has no resource-level permission.
    expect(statements.filter((x: any) => x.Resource === '*').map((x: any) => x.Action)).toEqual(['ecr:GetAuthorizationToken']);
  });

  test('per-tenant metrics: request logs carry CloudWatch embedded metrics, shipped by awslogs to a log group with retention', () => {
    expect(env(t).FLUXION_CLOUDWATCH_METRICS).toBe('on');
    expect(env(t).LOG_LEVEL).toBe('info');
    const logs = container(t).LogConfiguration;
    expect(logs.LogDriver).toBe('awslogs');
    const group = t.toJSON().Resources[logs.Options['awslogs-group'].Ref];
    expect(group).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
    const dashboard = joined(only(t, 'AWS::CloudWatch::Dashboard').Properties.DashboardBody);
    const expressions = (JSON.parse(dashboard).widgets as any[]).flatMap((w) => w.properties.metrics.flat()).map((m: any) => m.expression).filter(Boolean);
    for (const metric of ['APIRequests', 'ServerErrors', 'Latency']) {
      expect(expressions).toContainEqual(expect.stringContaining(`SEARCH('{${METRICS_NAMESPACE},TenantId,Endpoint} MetricName="${metric}"'`));
    }
  });

  test('alarms on the 5xx rate (target 5xx ÷ requests) and p99 latency, and when no task is healthy; each notifies the SNS topic', () => {
    const topic = only(t, 'AWS::SNS::Topic').logicalId;
    const alarms = t.findResources('AWS::CloudWatch::Alarm');
    expect(Object.keys(alarms)).toHaveLength(3);
    for (const alarm of Object.values(alarms) as any[]) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
    }
    const rate = only(t, 'AWS::CloudWatch::Alarm', { Metrics: Match.anyValue() }).Properties;
    const byId = Object.fromEntries(rate.Metrics.map((m: any) => [m.Id, m]));
    expect(byId.expr_1.Expression).toBe('IF(requests > 0, 100 * errors / requests, 0)');
    expect(byId.errors.MetricStat).toMatchObject({ Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count' }, Stat: 'Sum' });
    expect(byId.requests.MetricStat).toMatchObject({ Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount' }, Stat: 'Sum' });
    expect(rate).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' });
    only(t, 'AWS::CloudWatch::Alarm', { MetricName: 'TargetResponseTime', Namespace: 'AWS/ApplicationELB', ExtendedStatistic: 'p99', Threshold: 3 });
    only(t, 'AWS::CloudWatch::Alarm', { MetricName: 'HealthyHostCount', ComparisonOperator: 'LessThanThreshold', Threshold: 1 });
  });

  test('the deployment rolls back by itself when new tasks do not become healthy (circuit breaker)', () => {
    expect(service(t).DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
  });

  test(`no task is publicly reachable: without NAT they sit in public subnets with an address for outbound calls only`, () => {
    const net = service(t).NetworkConfiguration.AwsvpcConfiguration;
    expect(net.AssignPublicIp).toBe('ENABLED');
    expect(net.Subnets.map((x: any) => x.Ref)).toEqual([expect.stringMatching(/^VpcpublicSubnet1/), expect.stringMatching(/^VpcpublicSubnet2/)]);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    expect(mode).toBe(s.config.mode);
  });
});

describe('duckdb mode', () => {
  const t = synth().appTemplate;

  test('exactly one task, and a deployment stops it before starting the next (0 % / 100 %): the DuckDB file never has two writers', () => {
    expect(service(t)).toMatchObject({ DesiredCount: 1, DeploymentConfiguration: { MinimumHealthyPercent: 0, MaximumPercent: 100 } });
    t.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });

  test('an encrypted EFS file system, backed up, mounted at the data directory through an access point owned by the node user, TLS and IAM on the mount', () => {
    const fs = only(t, 'AWS::EFS::FileSystem');
    expect(fs.Properties).toMatchObject({ Encrypted: true, BackupPolicy: { Status: 'ENABLED' } });
    const ap = only(t, 'AWS::EFS::AccessPoint').Properties;
    expect(ap).toMatchObject({ FileSystemId: { Ref: fs.logicalId }, PosixUser: { Uid: NODE_UID, Gid: NODE_UID }, RootDirectory: { Path: '/fluxion', CreationInfo: { OwnerUid: NODE_UID, OwnerGid: NODE_UID, Permissions: '750' } } });
    const volume = only(t, 'AWS::ECS::TaskDefinition').Properties.Volumes[0];
    expect(volume).toMatchObject({ Name: 'data', EFSVolumeConfiguration: { FilesystemId: { Ref: fs.logicalId }, TransitEncryption: 'ENABLED', AuthorizationConfig: { IAM: 'ENABLED', AccessPointId: expect.anything() } } });
    expect(container(t).MountPoints).toEqual([{ ContainerPath: DATA_DIR, SourceVolume: 'data', ReadOnly: false }]);
    // Mount targets in the isolated subnets, NFS open to the tasks only.
    for (const mt of Object.values(t.findResources('AWS::EFS::MountTarget')) as any[]) expect(mt.Properties.SubnetId.Ref).toMatch(/^VpcdataSubnet/);
  });

  test('no database server, no Redis, no database variables', () => {
    t.resourceCountIs('AWS::RDS::DBInstance', 0);
    t.resourceCountIs('AWS::ElastiCache::ReplicationGroup', 0);
    expect(Object.keys(env(t)).filter((k) => k.startsWith('DATABASE_') || k === 'REDIS_URL')).toEqual([]);
    expect(secrets(t)).toEqual({});
  });
});

describe('postgres mode', () => {
  const s = synth({ mode: 'postgres' });
  const t = s.appTemplate;
  const db = () => only(t, 'AWS::RDS::DBInstance');

  test('two or more tasks; a deployment starts the new tasks before stopping the old (100 % / 200 %)', () => {
    expect(service(t)).toMatchObject({ DesiredCount: 2, DeploymentConfiguration: { MinimumHealthyPercent: 100, MaximumPercent: 200 } });
  });

  test('autoscaling from 2 to 6 tasks on CPU and on requests per task', () => {
    only(t, 'AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6, ScalableDimension: 'ecs:service:DesiredCount' });
    only(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, TargetValue: 60 }) });
    only(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }) }) });
  });

  test('RDS PostgreSQL: encrypted, private (isolated subnets), Multi-AZ, backed up 7 days, protected from deletion', () => {
    expect(db().Properties).toMatchObject({
      Engine: 'postgres',
      StorageEncrypted: true,
      PubliclyAccessible: false,
      MultiAZ: true,
      BackupRetentionPeriod: 7,
      DeletionProtection: true,
      DBName: 'fluxion',
      CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    });
    expect(db().Properties.EngineVersion).toMatch(/^17/);
    const group = only(t, 'AWS::RDS::DBSubnetGroup').Properties;
    expect(group.SubnetIds.map((x: any) => x.Ref)).toEqual([expect.stringMatching(/^VpcdataSubnet1/), expect.stringMatching(/^VpcdataSubnet2/)]);
    const resource = t.toJSON().Resources[db().logicalId];
    expect(resource.DeletionPolicy).toBe('Snapshot');
  });

  test('the owner\'s credentials are generated in Secrets Manager; the app and platform role passwords are two more secrets', () => {
    const ownerSecret = only(t, 'AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"fluxion_owner"}', GenerateStringKey: 'password' }) });
    expect(db().Properties.MasterUsername).toBe('fluxion_owner');
    expect(joined(db().Properties.MasterUserPassword)).toBe(`{{resolve:secretsmanager:<${ownerSecret.logicalId}>:SecretString:password::}}`);
    const roleSecrets = t.findResources('AWS::SecretsManager::Secret', { Properties: { Description: Match.stringLikeRegexp('PostgreSQL role fluxion_(app|platform)') } });
    expect(Object.keys(roleSecrets)).toHaveLength(2);
    const attachment = only(t, 'AWS::SecretsManager::SecretTargetAttachment').logicalId;
    expect(secrets(t)).toEqual({
      DATABASE_PASSWORD: { 'Fn::Join': ['', [{ Ref: attachment }, ':password::']] },
      DATABASE_APP_PASSWORD: { Ref: expect.stringMatching(/^AppRolePassword/) },
      DATABASE_PLATFORM_PASSWORD: { Ref: expect.stringMatching(/^PlatformRolePassword/) },
    });
    // No password in the plain environment.
    for (const value of Object.values(env(t))) expect(joined(value)).not.toMatch(/:[^/@]+@/);
  });

  test('database URLs name each role, the endpoint and verify-full TLS (the image carries the RDS CA bundle)', () => {
    const id = db().logicalId;
    const e = env(t);
    expect(joined(e.DATABASE_URL)).toBe(`postgres://fluxion_owner@<${id}.Endpoint.Address>:<${id}.Endpoint.Port>/fluxion?sslmode=verify-full`);
    expect(joined(e.DATABASE_APP_URL)).toBe(`postgres://fluxion_app@<${id}.Endpoint.Address>:<${id}.Endpoint.Port>/fluxion?sslmode=verify-full`);
    expect(joined(e.DATABASE_PLATFORM_URL)).toBe(`postgres://fluxion_platform@<${id}.Endpoint.Address>:<${id}.Endpoint.Port>/fluxion?sslmode=verify-full`);
  });

  test('only the tasks reach PostgreSQL and Redis', () => {
    const serviceSg = service(t).NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]['Fn::GetAtt'][0];
    const sources = (groupLogicalId: string) =>
      (Object.values(t.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: { 'Fn::GetAtt': [groupLogicalId, 'GroupId'] } } })) as any[]).map((r) => r.Properties.SourceSecurityGroupId['Fn::GetAtt'][0]);
    const dbSg = db().Properties.VPCSecurityGroups[0]['Fn::GetAtt'][0];
    const redisSg = only(t, 'AWS::ElastiCache::ReplicationGroup').Properties.SecurityGroupIds[0]['Fn::GetAtt'][0];
    expect(sources(dbSg)).toEqual([serviceSg]);
    expect(sources(redisSg)).toEqual([serviceSg]);
    for (const sg of [dbSg, redisSg]) expect(t.toJSON().Resources[sg].Properties.SecurityGroupIngress).toBeUndefined();
  });

  test('Redis (TLS, encrypted at rest, isolated subnets) shares tenant invalidations and rate limits between the tasks', () => {
    const redis = only(t, 'AWS::ElastiCache::ReplicationGroup');
    expect(redis.Properties).toMatchObject({ Engine: 'redis', TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true, NumCacheClusters: 1, CacheNodeType: 'cache.t4g.micro' });
    expect(joined(env(t).REDIS_URL)).toBe(`rediss://<${redis.logicalId}.PrimaryEndPoint.Address>:<${redis.logicalId}.PrimaryEndPoint.Port>`);
    const subnets = only(t, 'AWS::ElastiCache::SubnetGroup').Properties.SubnetIds.map((x: any) => x.Ref);
    expect(subnets).toEqual([expect.stringMatching(/^VpcdataSubnet1/), expect.stringMatching(/^VpcdataSubnet2/)]);
  });

  test('no EFS: the data directory is scratch space in this mode', () => {
    t.resourceCountIs('AWS::EFS::FileSystem', 0);
    expect(container(t).MountPoints ?? []).toEqual([]);
    expect(only(t, 'AWS::ECS::TaskDefinition').Properties.Volumes ?? []).toEqual([]);
  });

  test('the database log group has the retention (no Lambda-backed retention custom resource)', () => {
    only(t, 'AWS::Logs::LogGroup', { LogGroupName: '/aws/rds/instance/fluxion-db/postgresql', RetentionInDays: 30 });
    t.resourceCountIs('Custom::LogRetention', 0);
    expect(db().Properties.DBInstanceIdentifier).toBe('fluxion-db');
  });
});

describe('variants', () => {
  test('another region: the app stack there, zones named explicitly, the zone id passed by a cross-region reference', () => {
    const s = synth({ mode: 'postgres', region: 'sa-east-1', desiredCount: 3, maxCount: 12 });
    expect(s.stacks.app.region).toBe('sa-east-1');
    expect(s.stacks.edge.region).toBe('us-east-1');
    const subnets = s.appTemplate.findResources('AWS::EC2::Subnet');
    expect(new Set(Object.values(subnets).map((x: any) => x.Properties.AvailabilityZone))).toEqual(new Set(['sa-east-1a', 'sa-east-1b']));
    s.appTemplate.resourceCountIs('Custom::CrossRegionExportReader', 1);
    const record = only(s.appTemplate, 'AWS::Route53::RecordSet').Properties;
    expect(record.HostedZoneId['Fn::GetAtt'][1]).toMatch(/^\/cdk\/exports\/Fluxion-app\/Fluxiondnsuseast1RefZone/);
    expect(service(s.appTemplate).DesiredCount).toBe(3);
    only(s.appTemplate, 'AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 12 });
  });

  test('with NAT gateways the tasks move to private subnets with no public address', () => {
    const t = synth({ natGateways: 1 }).appTemplate;
    t.resourceCountIs('AWS::EC2::NatGateway', 1);
    const net = service(t).NetworkConfiguration.AwsvpcConfiguration;
    expect(net.AssignPublicIp).toBe('DISABLED');
    expect(net.Subnets.map((x: any) => x.Ref)).toEqual([expect.stringMatching(/^VpcappSubnet1/), expect.stringMatching(/^VpcappSubnet2/)]);
  });

  test('task size and architecture are parameters', () => {
    const t = synth({ cpu: 512, memoryMiB: 1024, cpuArchitecture: 'arm64' }).appTemplate;
    expect(only(t, 'AWS::ECS::TaskDefinition').Properties).toMatchObject({ Cpu: '512', Memory: '1024', RuntimePlatform: { CpuArchitecture: 'ARM64' } });
  });

  test('an image from another registry is used as it is, with no ECR permission', () => {
    const t = synth({ image: 'ghcr.io/acme/fluxion:1.2.3' }).appTemplate;
    expect(container(t).Image).toBe('ghcr.io/acme/fluxion:1.2.3');
    const statements = only(t, 'AWS::IAM::Policy', { PolicyName: Match.stringLikeRegexp('ExecutionRole') }).Properties.PolicyDocument.Statement;
    expect(JSON.stringify(statements)).not.toContain('ecr:');
  });

  test.each([
    ['tenant', '{Fluxion/Tenants,TenantId}'],
    ['on', '{Fluxion/Tenants,TenantId,Endpoint}'],
  ])('tenantMetrics=%s: the tasks publish those dimensions and the dashboard searches them', (value, search) => {
    const t = synth({ mode: 'postgres', tenantMetrics: value }).appTemplate;
    expect(env(t).FLUXION_CLOUDWATCH_METRICS).toBe(value);
    const dashboard = joined(only(t, 'AWS::CloudWatch::Dashboard').Properties.DashboardBody);
    const expressions = (JSON.parse(dashboard).widgets as any[]).flatMap((w) => w.properties.metrics?.flat() ?? []).map((m: any) => m.expression).filter((e: unknown) => String(e).startsWith('SEARCH('));
    expect(expressions).toHaveLength(3);
    for (const e of expressions) expect(e).toContain(`SEARCH('${search} MetricName=`);
  });

  test('tenantMetrics=off: no embedded metrics, the dashboard keeps the load balancer graph', () => {
    const t = synth({ tenantMetrics: 'off' }).appTemplate;
    expect(env(t).FLUXION_CLOUDWATCH_METRICS).toBe('off');
    const dashboard = JSON.parse(joined(only(t, 'AWS::CloudWatch::Dashboard').Properties.DashboardBody));
    expect(dashboard.widgets).toHaveLength(1);
    expect(JSON.stringify(dashboard)).not.toContain('SEARCH(');
  });

  test('an ECR image pinned by digest is pulled by digest', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const t = synth({ image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/fluxion@${digest}` }).appTemplate;
    expect(joined(container(t).Image)).toBe(`123456789012.dkr.ecr.us-east-1.<AWS::URLSuffix>/fluxion@${digest}`);
  });
});
