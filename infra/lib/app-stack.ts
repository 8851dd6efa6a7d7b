/**
 * The regional part: VPC, the load balancer at `api.<domain>` (also CloudFront's origin for
 * `/api/*`), the ECS Fargate service running the Fluxion image, and the database:
 *
 * - duckdb mode: an encrypted EFS file system mounted at the data directory, and exactly ONE task.
 *   A DuckDB file is opened for writing by one process only; a deployment therefore stops the old
 *   task before it starts the new one (minimum healthy 0 %, maximum 100 %), so two writers never
 *   hold the file at once. The price is a short outage per deployment (docs/deploy.md).
 * - postgres mode: RDS PostgreSQL (encrypted, credentials in Secrets Manager, private subnets,
 *   backups), an ElastiCache Redis node for the state the tasks share (tenant-cache invalidation,
 *   rate-limit counters), two or more tasks and autoscaling.
 *
 * Request logs are JSON on stdout with CloudWatch embedded metrics (FLUXION_CLOUDWATCH_METRICS, the
 * `tenantMetrics` parameter: TenantId × Endpoint by default),
 * so the task's log group yields the per-tenant metrics (namespace Fluxion/Tenants) with no agent.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Size, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { FluxionConfig } from './config.js';
import { logBucket } from './log-bucket.js';

export interface AppStackProps extends StackProps {
  readonly config: FluxionConfig;
  readonly zone: route53.IHostedZone;
}

export const CONTAINER_NAME = 'fluxion';
export const CONTAINER_PORT = 3000;
export const DATA_DIR = '/data';
/** uid/gid of the `node` user of the node:20-bookworm-slim image (the Dockerfile's USER). */
export const NODE_UID = '1000';
/** Same command as the Dockerfile's HEALTHCHECK (infra/test/image.test.ts checks that the two agree). */
export const HEALTHCHECK_COMMAND = [
  'node',
  '-e',
  "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))",
];
export const OWNER_USER = 'fluxion_owner';
export const DATABASE_NAME = 'fluxion';
export const METRICS_NAMESPACE = 'Fluxion/Tenants';

const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._/-]+)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

export class AppStack extends Stack {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config, zone } = props;
    const domain = config.domainName;
    const duckdb = config.mode === 'duckdb';

    const accessLogs = logBucket(this, 'AccessLogs');

    // Two zones. Without NAT (the default, cheapest) the tasks sit in the public subnets with a
    // public address for outbound calls (ECR, CloudWatch, Secrets Manager); their security group
    // admits only the load balancer. Databases always sit in isolated subnets.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr('10.40.0.0/16'),
      availabilityZones: [...config.availabilityZones],
      natGateways: config.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        ...(config.natGateways > 0 ? [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 }] : []),
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      flowLogs: { toS3: { destination: ec2.FlowLogDestination.toS3(accessLogs, 'vpc-flow/'), trafficType: ec2.FlowLogTrafficType.REJECT } },
    });
    const taskSubnets: ec2.SubnetSelection = { subnetType: config.natGateways > 0 ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PUBLIC };
    const dataSubnets: ec2.SubnetSelection = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    // ---- load balancer: HTTPS 443 with a regional certificate for apex + *.domain, 80 → 443.
    // The wildcard matters: CloudFront forwards the viewer's Host (granja.<domain>) and checks the
    // origin's certificate against it.
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: domain,
      subjectAlternativeNames: [`*.${domain}`],
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const albSg = new ec2.SecurityGroup(this, 'LoadBalancerSg', { vpc, description: 'Fluxion load balancer: HTTPS and HTTP (redirect) from anywhere' });
    albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS');
    albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP, redirected to HTTPS');
    Validations.of(albSg).acknowledge({
      id: 'AwsSolutions-EC23',
      reason: 'Public load balancer: api.<domain> is called directly by integrations and reached by CloudFront from its edge addresses; only 80 (redirect) and 443 are open.',
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      securityGroup: albSg,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
      // Long enough for imports with ?wait= and for forecasting runs answered when done.
      idleTimeout: Duration.seconds(120),
    });
    this.loadBalancer.logAccessLogs(accessLogs, 'alb');
    const https = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
    });
    this.loadBalancer.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 443, targetProtocol: elbv2.ApplicationProtocol.HTTPS, open: false });

    new route53.ARecord(this, 'ApiRecord', {
      zone,
      recordName: 'api',
      target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(this.loadBalancer)),
    });

    // ---- ECS
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // `aws ecs execute-command` sessions (fluxion tenant create, …) are logged: who ran what.
    const execLogs = new logs.LogGroup(this, 'ExecLogs', {
      retention: config.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      executeCommandConfiguration: { logging: ecs.ExecuteCommandLogging.OVERRIDE, logConfiguration: { cloudWatchLogGroup: execLogs } },
    });
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: config.cpu,
      memoryLimitMiB: config.memoryMiB,
      runtimePlatform: {
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
        cpuArchitecture: config.cpuArchitecture === 'arm64' ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
      },
    });

    const environment: Record<string, string> = {
      NODE_ENV: 'production',
      PORT: String(CONTAINER_PORT),
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      FLUXION_BASE_DOMAIN: domain,
      FLUXION_PUBLIC_PROTOCOL: 'https',
      FLUXION_DATA_DIR: DATA_DIR,
      FLUXION_CLOUDWATCH_METRICS: config.tenantMetrics,
      // CloudFront and the load balancer each add one X-Forwarded-For entry.
      FLUXION_TRUST_PROXY: '2',
    };
    const secrets: Record<string, ecs.Secret> = {};
    const serviceSg = new ec2.SecurityGroup(this, 'ServiceSg', { vpc, description: 'Fluxion tasks: port 3000 from the load balancer only' });
    serviceSg.addIngressRule(albSg, ec2.Port.tcp(CONTAINER_PORT), 'from the load balancer');

    let fileSystem: efs.FileSystem | undefined;
    let database: rds.DatabaseInstance | undefined;
    let redis: elasticache.CfnReplicationGroup | undefined;
    let roleSecrets: { app: secretsmanager.Secret; platform: secretsmanager.Secret } | undefined;
    if (duckdb) {
      fileSystem = new efs.FileSystem(this, 'Data', {
        vpc,
        vpcSubnets: dataSubnets,
        encrypted: true,
        performanceMode: efs.PerformanceMode.GENERAL_PURPOSE,
        throughputMode: efs.ThroughputMode.ELASTIC,
        // Daily AWS Backup of the DuckDB file, logos and all (35 days), on top of `fluxion tenant export`.
        enableAutomaticBackups: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      fileSystem.connections.allowDefaultPortFrom(serviceSg, 'NFS from the Fluxion task');
      const accessPoint = fileSystem.addAccessPoint('DataAccessPoint', {
        path: '/fluxion',
        createAcl: { ownerUid: NODE_UID, ownerGid: NODE_UID, permissions: '750' },
        posixUser: { uid: NODE_UID, gid: NODE_UID },
      });
      taskDefinition.addVolume({
        name: 'data',
        efsVolumeConfiguration: {
          fileSystemId: fileSystem.fileSystemId,
          transitEncryption: 'ENABLED',
          authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' },
        },
      });
      fileSystem.grant(taskDefinition.taskRole, 'elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite');
    } else {
      const dbInstanceId = `${config.prefix.toLowerCase()}-db`;
      database = new rds.DatabaseInstance(this, 'Database', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 }),
        instanceType: new ec2.InstanceType(config.dbInstanceType),
        vpc,
        vpcSubnets: dataSubnets,
        credentials: rds.Credentials.fromGeneratedSecret(OWNER_USER),
        databaseName: DATABASE_NAME,
        storageEncrypted: true,
        storageType: rds.StorageType.GP3,
        allocatedStorage: config.dbAllocatedStorageGiB,
        maxAllocatedStorage: config.dbAllocatedStorageGiB * 5,
        multiAz: config.dbMultiAz,
        caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
        backupRetention: Duration.days(7),
        preferredBackupWindow: '07:00-08:00',
        deletionProtection: true,
        removalPolicy: RemovalPolicy.SNAPSHOT,
        autoMinorVersionUpgrade: true,
        instanceIdentifier: dbInstanceId,
        cloudwatchLogsExports: ['postgresql'],
        publiclyAccessible: false,
      });
      // The log group RDS exports to, made here with its retention (cloudwatchLogsRetention would
      // add a Lambda-backed custom resource to set it afterwards).
      const dbLogs = new logs.LogGroup(this, 'DatabaseLogs', {
        logGroupName: `/aws/rds/instance/${dbInstanceId}/postgresql`,
        retention: config.logRetentionDays as logs.RetentionDays,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      database.node.addDependency(dbLogs);
      database.connections.allowDefaultPortFrom(serviceSg, 'PostgreSQL from the Fluxion tasks');
      Validations.of(database).acknowledge(
        { id: 'AwsSolutions-RDS11', reason: 'The default port 5432: only the tasks\' security group may reach it, in isolated subnets; a different port hides nothing.' },
      );
      // The generated secret itself (database.secret is its attachment to the instance).
      Validations.of(database.node.findChild('Secret')).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: 'Rotated by hand (docs/deploy.md, "Rotate secrets"): tasks read the password at start, so an automatic rotation would cut new connections of running tasks until a redeploy.',
      });
      if (!config.dbMultiAz) {
        Validations.of(database).acknowledge({ id: 'AwsSolutions-RDS3', reason: 'Single-AZ chosen explicitly with -c dbMultiAz=false (cost); backups are daily with point-in-time recovery.' });
      }

      // The two serving roles' passwords: the server creates fluxion_app and fluxion_platform with
      // them on first start (the owner, from the RDS secret, runs migrations and owns the schema).
      const rolePassword = (id: string, role: string) => {
        const secret = new secretsmanager.Secret(this, id, {
          description: `Fluxion: password of the PostgreSQL role ${role}`,
          generateSecretString: { passwordLength: 40, excludePunctuation: true },
        });
        Validations.of(secret).acknowledge({
          id: 'AwsSolutions-SMG4',
          reason: 'Rotated by hand (docs/deploy.md, "Rotate secrets"): a rotation must also ALTER ROLE in the database (the server sets the password only when it creates the role), then redeploy.',
        });
        return secret;
      };
      const appSecret = rolePassword('AppRolePassword', 'fluxion_app');
      const platformSecret = rolePassword('PlatformRolePassword', 'fluxion_platform');
      roleSecrets = { app: appSecret, platform: platformSecret };

      const host = database.dbInstanceEndpointAddress;
      const port = database.dbInstanceEndpointPort;
      const url = (user: string) => `postgres://${user}@${host}:${port}/${DATABASE_NAME}?sslmode=verify-full`;
      environment.DATABASE_URL = url(OWNER_USER);
      environment.DATABASE_APP_URL = url('fluxion_app');
      environment.DATABASE_PLATFORM_URL = url('fluxion_platform');
      secrets.DATABASE_PASSWORD = ecs.Secret.fromSecretsManager(database.secret!, 'password');
      secrets.DATABASE_APP_PASSWORD = ecs.Secret.fromSecretsManager(appSecret);
      secrets.DATABASE_PLATFORM_PASSWORD = ecs.Secret.fromSecretsManager(platformSecret);

      // Shared state between the tasks (docs/scale.md): without it a tenant change reaches the
      // other tasks only after FLUXION_TENANT_CACHE_SECONDS and each task counts rate limits alone.
      const redisSg = new ec2.SecurityGroup(this, 'RedisSg', { vpc, description: 'Fluxion Redis: from the tasks only', allowAllOutbound: false });
      redisSg.addIngressRule(serviceSg, ec2.Port.tcp(6379), 'Redis from the Fluxion tasks');
      const redisSubnets = new elasticache.CfnSubnetGroup(this, 'RedisSubnets', {
        description: 'Fluxion Redis (isolated subnets)',
        subnetIds: vpc.selectSubnets(dataSubnets).subnetIds,
      });
      redis = new elasticache.CfnReplicationGroup(this, 'Redis', {
        replicationGroupDescription: 'Fluxion shared state: tenant invalidations and rate-limit counters',
        engine: 'redis',
        engineVersion: '7.1',
        cacheNodeType: config.redisNodeType,
        numCacheClusters: 1,
        automaticFailoverEnabled: false,
        transitEncryptionEnabled: true,
        atRestEncryptionEnabled: true,
        cacheSubnetGroupName: redisSubnets.ref,
        securityGroupIds: [redisSg.securityGroupId],
        port: 6379,
      });
      Validations.of(redis).acknowledge(
        { id: 'AwsSolutions-AEC4', reason: 'One node, no replica: the server keeps serving while Redis is down (counters per task, short tenant-cache expiry; docs/scale.md), so the shared state is not worth a second node.' },
        { id: 'AwsSolutions-AEC5', reason: 'The default port 6379: only the tasks\' security group may reach it, in isolated subnets.' },
        { id: 'AwsSolutions-AEC6', reason: 'No AUTH token: REDIS_URL is plain configuration, reachable only from the tasks\' security group, and TLS encrypts the traffic; the data is counters and invalidation messages, no tenant data.' },
      );
      environment.REDIS_URL = `rediss://${redis.attrPrimaryEndPointAddress}:${redis.attrPrimaryEndPointPort}`;
    }

    const container = taskDefinition.addContainer(CONTAINER_NAME, {
      image: containerImage(this, config.image),
      environment,
      secrets,
      portMappings: [{ containerPort: CONTAINER_PORT, protocol: ecs.Protocol.TCP }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'fluxion', logGroup, mode: ecs.AwsLogDriverMode.NON_BLOCKING, maxBufferSize: Size.mebibytes(25) }),
      healthCheck: { command: ['CMD', ...HEALTHCHECK_COMMAND], interval: Duration.seconds(30), timeout: Duration.seconds(5), retries: 3, startPeriod: Duration.seconds(60) },
      // The server finishes in-flight requests and checkpoints DuckDB on SIGTERM, giving up after
      // 30 s itself; ECS waits a little longer before SIGKILL.
      stopTimeout: Duration.seconds(45),
      linuxParameters: new ecs.LinuxParameters(this, 'LinuxParameters', { initProcessEnabled: true }),
    });
    if (fileSystem) container.addMountPoints({ containerPath: DATA_DIR, sourceVolume: 'data', readOnly: false });
    Validations.of(taskDefinition.taskRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ECS Exec (`aws ecs execute-command`, how an operator runs `fluxion` commands in the task): ssmmessages channels and logs:DescribeLogGroups have no resource-level permissions.',
    });
    Validations.of(taskDefinition.taskRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${config.region}:${config.account}:log-group:<${this.getLogicalId(execLogs.node.defaultChild as logs.CfnLogGroup)}>:*]`,
      reason: 'ECS Exec writes each session to its own stream of the exec log group: the streams have generated names.',
    });
    Validations.of(taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'ecr:GetAuthorizationToken has no resource-level permissions; image pulls are limited to the one repository.',
    });
    Validations.of(taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'The environment holds configuration only (domain, ports, URLs without passwords); every password comes from Secrets Manager through `secrets`.',
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition,
      desiredCount: config.desiredCount,
      vpcSubnets: taskSubnets,
      assignPublicIp: config.natGateways === 0,
      securityGroups: [serviceSg],
      // duckdb: 0/100 — the old task is stopped before the new one starts, so the DuckDB file
      // never has two writers (the second process could not open it, or worse, both would run on
      // NFS). postgres: 100/200 — the new tasks are healthy before the old ones go.
      minHealthyPercent: duckdb ? 0 : 100,
      maxHealthyPercent: duckdb ? 100 : 200,
      circuitBreaker: { enable: true, rollback: true },
      enableExecuteCommand: true,
      healthCheckGracePeriod: Duration.seconds(120),
      platformVersion: ecs.FargatePlatformVersion.LATEST,
    });

    const targetGroup = https.addTargets('Fluxion', {
      port: CONTAINER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.loadBalancerTarget({ containerName: CONTAINER_NAME, containerPort: CONTAINER_PORT })],
      // Ready = database reachable and migrated: a starting task gets traffic once it can serve.
      healthCheck: { path: '/readyz', healthyHttpCodes: '200', interval: Duration.seconds(15), timeout: Duration.seconds(5), healthyThresholdCount: 2, unhealthyThresholdCount: 3 },
      // Short in duckdb mode: the one task is drained before it is stopped, and nothing serves meanwhile.
      deregistrationDelay: Duration.seconds(duckdb ? 15 : 30),
    });

    if (!duckdb) {
      const scaling = this.service.autoScaleTaskCount({ minCapacity: config.desiredCount, maxCapacity: config.maxCount });
      scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60, scaleInCooldown: Duration.minutes(5), scaleOutCooldown: Duration.minutes(1) });
      scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 3000, targetGroup, scaleInCooldown: Duration.minutes(5), scaleOutCooldown: Duration.minutes(1) });
    }

    // ---- alarms → SNS
    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: 'Fluxion alarms', enforceSSL: true });
    Validations.of(this.alarmTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry no tenant data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a customer key costs USD 1/month.',
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));
    const notify = new cwActions.SnsAction(this.alarmTopic);
    const alarms: cloudwatch.Alarm[] = [];

    const metrics = this.loadBalancer.metrics;
    const errorRate = new cloudwatch.MathExpression({
      label: '5xx % of requests',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum', period: Duration.minutes(1) }),
        requests: metrics.requestCount({ statistic: 'Sum', period: Duration.minutes(1) }),
      },
      period: Duration.minutes(1),
    });
    alarms.push(
      errorRate.createAlarm(this, 'ServerErrorRate', {
        alarmDescription: 'More than 5 % of the requests answered 5xx by Fluxion, in 3 of 5 minutes',
        threshold: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    alarms.push(
      metrics.targetResponseTime({ statistic: 'p99', period: Duration.minutes(5) }).createAlarm(this, 'LatencyP99', {
        alarmDescription: 'p99 response time above 3 s for 15 minutes',
        threshold: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    alarms.push(
      targetGroup.metrics.healthyHostCount({ statistic: 'Minimum', period: Duration.minutes(1) }).createAlarm(this, 'NoHealthyTask', {
        alarmDescription: 'No task passes /readyz (the load balancer answers 503)',
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        // duckdb deployments are down for about a minute by design; longer is an outage.
        evaluationPeriods: 5,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      }),
    );
    for (const alarm of alarms) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }

    // The customer's tenants dashboard, from the embedded metrics of the request log lines (the
    // dimensions the tasks publish: TenantId × Endpoint, or TenantId alone with tenantMetrics=tenant).
    const byEndpoint = config.tenantMetrics === 'on';
    const dimensions = byEndpoint ? 'TenantId,Endpoint' : 'TenantId';
    const by = byEndpoint ? 'by tenant and endpoint' : 'by tenant';
    const search = (metric: string, stat: string) =>
      new cloudwatch.MathExpression({ expression: `SEARCH('{${METRICS_NAMESPACE},${dimensions}} MetricName="${metric}"', '${stat}', 300)`, label: '', period: Duration.minutes(5) });
    const loadBalancerWidget = new cloudwatch.GraphWidget({ title: 'Load balancer: 5xx % and p99 (s)', left: [errorRate], right: [metrics.targetResponseTime({ statistic: 'p99' })], width: 12 });
    new cloudwatch.Dashboard(this, 'TenantsDashboard', {
      widgets:
        config.tenantMetrics === 'off'
          ? [[loadBalancerWidget]]
          : [
              [
                new cloudwatch.GraphWidget({ title: `API requests ${by}`, left: [search('APIRequests', 'Sum')], width: 12 }),
                new cloudwatch.GraphWidget({ title: `Server errors ${by}`, left: [search('ServerErrors', 'Sum')], width: 12 }),
              ],
              [new cloudwatch.GraphWidget({ title: `Latency p95 ${by} (ms)`, left: [search('Latency', 'p95')], width: 12 }), loadBalancerWidget],
            ],
    });

    // ---- outputs an operator needs (docs/deploy.md)
    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName });
    new CfnOutput(this, 'ServiceName', { value: this.service.serviceName });
    new CfnOutput(this, 'LogGroupName', { value: logGroup.logGroupName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'LoadBalancerDnsName', { value: this.loadBalancer.loadBalancerDnsName });
    if (fileSystem) new CfnOutput(this, 'FileSystemId', { value: fileSystem.fileSystemId });
    if (database) {
      new CfnOutput(this, 'DatabaseEndpoint', { value: database.dbInstanceEndpointAddress });
      new CfnOutput(this, 'DatabaseSecretArn', { value: database.secret!.secretArn });
      new CfnOutput(this, 'AppRolePasswordArn', { value: roleSecrets!.app.secretArn, description: 'password of fluxion_app (rotation: docs/deploy.md)' });
      new CfnOutput(this, 'PlatformRolePasswordArn', { value: roleSecrets!.platform.secretArn, description: 'password of fluxion_platform (rotation: docs/deploy.md)' });
    }
  }
}

/** An ECR image gets pull rights on its repository; any other registry must be public. */
function containerImage(scope: Construct, uri: string): ecs.ContainerImage {
  const m = ECR_IMAGE.exec(uri);
  if (!m) return ecs.ContainerImage.fromRegistry(uri);
  const [, account, region, name, tag, digest] = m;
  const repository = ecr.Repository.fromRepositoryAttributes(scope, 'ImageRepository', {
    repositoryArn: `arn:${Aws.PARTITION}:ecr:${region}:${account}:repository/${name}`,
    repositoryName: name!,
  });
  return ecs.ContainerImage.fromEcrRepository(repository, digest ?? tag ?? 'latest');
}
