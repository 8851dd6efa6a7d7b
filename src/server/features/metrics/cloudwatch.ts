/**
 * Per-tenant request metrics in CloudWatch's embedded metric format (EMF): fields added to the
 * request's own JSON log line, which CloudWatch Logs turns into metrics of the namespace
 * `Fluxion/Tenants` with no agent and no API call from the server. `on` publishes them by
 * TenantId × Endpoint (the customer's design); `tenant` by TenantId alone, for large fleets where
 * every tenant × endpoint pair would be a custom metric to pay for. The detail stays in the log
 * line either way (Logs Insights can group it by any field).
 *
 * Dimension values are bounded like the Prometheus labels: TenantId is a registered tenant id,
 * `_platform` or `_none`; Endpoint is the method and route template, never a raw URL.
 */
import type { FastifyRequest } from 'fastify';
import { tenantLabel } from './collector.js';

export const EMF_NAMESPACE = 'Fluxion/Tenants';

export function embeddedMetrics(request: FastifyRequest, status: number, ms: number, mode: 'on' | 'tenant') {
  const endpoint = `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
  return {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: EMF_NAMESPACE,
          Dimensions: [mode === 'on' ? ['TenantId', 'Endpoint'] : ['TenantId']],
          Metrics: [
            { Name: 'APIRequests', Unit: 'Count' },
            { Name: 'Latency', Unit: 'Milliseconds' },
            { Name: 'ServerErrors', Unit: 'Count' },
          ],
        },
      ],
    },
    TenantId: tenantLabel(request),
    Endpoint: endpoint,
    APIRequests: 1,
    Latency: ms,
    ServerErrors: status >= 500 ? 1 : 0,
  };
}
