/**
 * Exposure and TLS checks through a real REST scan against moto: seeded with the AWS SDK,
 * collected by collectSnapshot, evaluated by the checks. Only REST results are asserted: the
 * v2, domain, WAF-detail and certificate collectors are separate, and slices they have not
 * filled are ERROR by design.
 */
import { AssociateWebACLCommand, CreateWebACLCommand } from '@aws-sdk/client-wafv2';
import { describe, expect, it } from 'vitest';
import backendHttps from '../../checks/backend-https.js';
import type { Check } from '../../src/engine/check.js';
import restApiTlsPolicy from '../../checks/rest-api-tls-policy.js';
import restClientCertificate from '../../checks/rest-client-certificate.js';
import restEndpointType from '../../checks/rest-endpoint-type.js';
import restWafAttached from '../../checks/rest-waf-attached.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { DEFAULT_CHECK_CONFIG, type CheckConfig } from '../../src/config/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { isMotoGap, useMoto } from '../helpers/moto.js';
import { seedMethod, seedRestApi, seedStage } from '../helpers/seed.js';

const moto = useMoto();
const NOW = new Date('2026-11-25T12:00:00Z');

/** "resource: STATUS severity" lines for the results on resources of `type`, sorted. */
function outcomes(
  check: Check,
  snap: Snapshot,
  type: string,
  config: CheckConfig = DEFAULT_CHECK_CONFIG,
): string[] {
  return check
    .run(snap, config, NOW)
    .filter((r) => r.resource.type === type)
    .map((r) => `${r.resource.name}: ${r.status} ${r.severity}`)
    .sort();
}

describe('exposure and TLS checks on a moto scan', () => {
  it('judge endpoint types, backends, client certificates, WAF and TLS policies', async () => {
    const eu = moto.clients('eu-west-1');

    // An internet-facing API that the configuration says must be private, calling a plain-http
    // backend from a stage with no client certificate and no web ACL.
    const payroll = await seedRestApi(eu, 'payroll', { tags: { exposure: 'internal' } });
    await seedMethod(eu, payroll, payroll.rootId, 'salaries', 'GET', {
      integration: { type: 'HTTP_PROXY', uri: 'http://hr.example.com/salaries', httpMethod: 'GET' },
    });
    await seedStage(eu, payroll, 'prod');

    // A public edge API with an https backend, a Lambda-style route and a web ACL on one stage.
    const shop = await seedRestApi(eu, 'storefront', { endpointType: 'EDGE' });
    const items = await seedMethod(eu, shop, shop.rootId, 'items', 'GET', {
      integration: { type: 'HTTP', uri: 'https://catalog.example.com/items', httpMethod: 'GET' },
    });
    await seedMethod(eu, shop, items, null, 'POST', {
      integration: {
        type: 'AWS_PROXY',
        uri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:f/invocations',
      },
    });
    await seedStage(eu, shop, 'live');
    await seedStage(eu, shop, 'beta');
    const acl = await eu.wafv2.send(
      new CreateWebACLCommand({
        Name: 'shop-acl',
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        Rules: [],
        VisibilityConfig: {
          SampledRequestsEnabled: true,
          CloudWatchMetricsEnabled: true,
          MetricName: 'shop-acl',
        },
      }),
    );
    await eu.wafv2.send(
      new AssociateWebACLCommand({
        WebACLArn: acl.Summary!.ARN!,
        ResourceArn: `arn:aws:apigateway:eu-west-1::/restapis/${shop.id}/stages/live`,
      }),
    );

    // A PRIVATE API with only MOCK integrations.
    const internal = await seedRestApi(eu, 'internal-tools', { endpointType: 'PRIVATE' });
    await seedMethod(eu, internal, internal.rootId, null, 'GET');
    await seedStage(eu, internal, 'v1');

    // An API reachable only through a custom domain: no execute-api TLS result.
    const behind = await seedRestApi(eu, 'behind-domain', { disableExecuteApiEndpoint: true });
    await seedMethod(eu, behind, behind.rootId, null, 'GET');

    const snap = await collectSnapshot({ clients: moto.clients, regions: ['eu-west-1'] });
    // The Lambda integration points at a function that was never created: its policy lookup
    // fails, as it would on AWS for a deleted function. Nothing else may be missing.
    expect(
      snap.collectionErrors
        .filter((e) => !isMotoGap(e))
        .map((e) => `${e.operation} ${e.errorCode} ${e.resourceId}`),
    ).toEqual([
      'GetPolicy ResourceNotFoundException arn:aws:lambda:eu-west-1:123456789012:function:f',
    ]);
    const config: CheckConfig = {
      ...DEFAULT_CHECK_CONFIG,
      expectPrivate: { tags: { exposure: 'internal' }, namePatterns: [] },
    };

    expect(outcomes(restEndpointType, snap, 'AWS::ApiGateway::RestApi', config)).toEqual([
      'behind-domain: FAIL info',
      'internal-tools: PASS high',
      'payroll: FAIL high',
      'storefront: FAIL info',
    ]);
    expect(outcomes(restEndpointType, snap, 'AWS::ApiGateway::RestApi')).toContain(
      'payroll: FAIL info',
    );

    expect(outcomes(backendHttps, snap, 'AWS::ApiGateway::Method')).toEqual([
      'payroll GET /salaries: FAIL medium',
      'storefront GET /items: PASS medium',
    ]);

    // moto stages carry no clientCertificateId; internal-tools (MOCK only) gets no result.
    expect(outcomes(restClientCertificate, snap, 'AWS::ApiGateway::Stage')).toEqual([
      'payroll/prod: FAIL medium',
      'storefront/beta: FAIL medium',
      'storefront/live: FAIL medium',
    ]);

    expect(outcomes(restWafAttached, snap, 'AWS::ApiGateway::Stage')).toEqual([
      'internal-tools/v1: FAIL low',
      'payroll/prod: FAIL medium',
      'storefront/beta: FAIL medium',
      'storefront/live: PASS medium',
    ]);
    const wafPass = restWafAttached
      .run(snap, DEFAULT_CHECK_CONFIG, NOW)
      .find((r) => r.status === 'PASS')!;
    expect(wafPass.evidence.webAclArn).toBe(acl.Summary!.ARN);

    // moto has no securityPolicy: REGIONAL/EDGE default to TLS_1_0, PRIVATE to TLS_1_2.
    expect(outcomes(restApiTlsPolicy, snap, 'AWS::ApiGateway::RestApi')).toEqual([
      'internal-tools: PASS medium',
      'payroll: FAIL medium',
      'storefront: FAIL medium',
    ]);
  });
});
