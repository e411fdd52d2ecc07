/**
 * The richest fixture: the demo account's snapshot (a real scan of a seeded account, three
 * regions), with what the demo does not show added by hand so that every slice a check reads
 * decides something somewhere: a backend whose scheme comes from a stage variable (REST and
 * HTTP), a stage with a client certificate, a TLS_1_2 v1 domain mapped to a REST API, a domain
 * in both the v1 and v2 listings, and a region that holds only an HTTP API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckConfig } from '../../src/config/types.js';
import { packageRoot } from '../../src/paths.js';
import { emptyRegion } from '../../src/snapshot/empty.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const text = readFileSync(join(packageRoot, 'examples', 'demo-snapshot.json'), 'utf8');

function enrich(s: Snapshot): Snapshot {
  const account = s.accounts[0]!;
  const eu = account.regions.find((r) => r.region === 'eu-west-1')!;
  eu.restApis!.push({
    id: 'varsapi001',
    name: 'vars-api',
    endpointConfiguration: { types: ['REGIONAL'] },
    tags: { owner: 'platform' },
    resources: [
      { id: 'varsroot01', path: '/' },
      {
        id: 'varsres001',
        parentId: 'varsroot01',
        path: '/proxy',
        pathPart: 'proxy',
        resourceMethods: {
          GET: {
            httpMethod: 'GET',
            authorizationType: 'AWS_IAM',
            methodIntegration: { type: 'HTTP_PROXY', uri: '${stageVariables.backend}/proxy' },
          },
        },
      },
    ],
    stages: [
      {
        stageName: 'live',
        deploymentId: 'dep1',
        clientCertificateId: 'cc0001',
        variables: { backend: 'https://backend.northwind.example' },
        methodSettings: {},
        tags: { owner: 'platform' },
      },
    ],
    authorizers: [],
    requestValidators: [],
    gatewayResponses: [],
    // The stage serves the draft as it stands.
    deployments: [
      {
        id: 'dep1',
        apiSummary: { '/proxy': { GET: { authorizationType: 'AWS_IAM', apiKeyRequired: false } } },
      },
    ],
  });
  eu.clientCertificates = [
    {
      clientCertificateId: 'cc0001',
      createdDate: '2026-01-01T00:00:00.000Z',
      expirationDate: '2027-01-01T00:00:00.000Z',
    },
  ];
  eu.domainNames!.push({
    domainName: 'legacy.northwind.example',
    endpointConfiguration: { types: ['REGIONAL'] },
    securityPolicy: 'TLS_1_2',
    basePathMappings: [{ basePath: '(none)', restApiId: 'varsapi001', stage: 'live' }],
  });
  // The domain namespace is shared: a domain comes back from both listings, each view with
  // fields of its own (v1's enhanced policy, v2's configurations).
  eu.domainNames!.push({
    domainName: 'both.northwind.example',
    endpointConfiguration: { types: ['REGIONAL'] },
    securityPolicy: 'SecurityPolicy_TLS13_1_2_2021_06',
    endpointAccessMode: 'STRICT',
    basePathMappings: [],
  });
  eu.v2DomainNames!.push({
    DomainName: 'both.northwind.example',
    DomainNameConfigurations: [{ EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    apiMappings: [],
  });
  const http = eu.v2Apis!.find((a) => a.ProtocolType === 'HTTP')!;
  http.integrations!.push({
    IntegrationId: 'varsint1',
    IntegrationType: 'HTTP_PROXY',
    IntegrationMethod: 'ANY',
    IntegrationUri: '${stageVariables.backend}/v2',
  });
  for (const st of http.stages!) {
    st.StageVariables = { ...st.StageVariables, backend: 'https://backend.northwind.example' };
  }
  const onlyHttp = emptyRegion('eu-central-1', account.accountId);
  onlyHttp.v2Apis = [
    {
      ApiId: 'onlyhttp1',
      Name: 'edge-http',
      ProtocolType: 'HTTP',
      ApiEndpoint: 'https://onlyhttp1.execute-api.eu-central-1.amazonaws.com',
      Tags: { owner: 'edge-team' },
      stages: [{ StageName: '$default', AutoDeploy: true, Tags: { owner: 'edge-team' } }],
      routes: [{ RouteId: 'r1', RouteKey: 'GET /', AuthorizationType: 'AWS_IAM' }],
      integrations: [],
      authorizers: [],
      exports: [],
    },
  ];
  account.regions.push(onlyHttp);
  return s;
}

/** A fresh copy each call, so a test may blank parts of it. */
export function richSnapshot(): Snapshot {
  return enrich(JSON.parse(text) as Snapshot);
}

/** The demo's settings (required tags, expected-private APIs), so config-driven checks give results. */
export const RICH_CONFIG: CheckConfig = {
  expectPrivate: { tags: { exposure: 'internal' }, namePatterns: ['internal-*'] },
  requiredTags: ['owner'],
  thresholds: { certificateExpiryDays: 30 },
};
