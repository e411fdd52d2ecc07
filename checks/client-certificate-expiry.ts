import type { ClientCertificate } from '../src/snapshot/types.js';
import type { RegionScope } from './lib/context.js';
import { defineCheck } from './lib/define.js';
import { ref } from './lib/resources.js';
import { expiryState } from './lib/tls.js';

interface InUse {
  scope: RegionScope;
  id: string;
  stages: string[];
}

export default defineCheck({
  meta: {
    id: 'client-certificate-expiry',
    title: 'Client certificates used by stages are not expired or about to expire',
    family: 'exposure',
    severity: 'high',
    resourceType: 'AWS::ApiGateway::ClientCertificate',
    description:
      'Each API Gateway client certificate named by a stage (clientCertificateId on REST stages, ' +
      'ClientCertificateId on WebSocket stages), read from GetClientCertificates: FAIL high when ' +
      'its expirationDate has passed, medium when it is within the configured number of days ' +
      '(thresholds.certificateExpiryDays, 30 by default). A stage naming a certificate that the ' +
      'listing does not contain is MANUAL: the certificate may have been deleted.',
    risk:
      'When the certificate API Gateway presents to the backend expires, a backend that verifies ' +
      'it rejects every request: the API goes down. Teams under that pressure often switch client ' +
      'verification off.',
    remediation: {
      text:
        'Generate a new client certificate, add it to the trust configuration of the backend, set ' +
        'it on the stage, then delete the old one.',
      cli: 'aws apigateway generate-client-certificate --description <rotated-certificate-description>',
    },
    references: [
      {
        title:
          'Generate and configure an SSL certificate for backend authentication in API Gateway',
        url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html',
      },
    ],
    reads: ['restApis', 'restApi.stages', 'v2Apis', 'v2Api.stages', 'clientCertificates'],
    anchors: ['CloudSploit'],
  },
  evaluate(ctx) {
    const inUse = new Map<string, InUse>();
    const use = (scope: RegionScope, id: string | undefined, stage: string) => {
      if (!id) return;
      const key = `${scope.accountId}|${scope.regionName}|${id}`;
      const entry = inUse.get(key) ?? { scope, id, stages: [] };
      entry.stages.push(stage);
      inUse.set(key, entry);
    };
    for (const s of ctx.restStages()) {
      use(s, s.stage.clientCertificateId, `${s.api.name ?? s.api.id}/${s.stage.stageName}`);
    }
    for (const s of ctx.v2Stages('WEBSOCKET')) {
      use(s, s.stage.ClientCertificateId, `${s.api.Name ?? s.api.ApiId}/${s.stage.StageName}`);
    }
    const threshold = ctx.config.thresholds.certificateExpiryDays;
    for (const { scope, id, stages } of inUse.values()) {
      const listed = scope.region.clientCertificates;
      const cert: ClientCertificate = listed?.find((c) => c.clientCertificateId === id) ?? {
        clientCertificateId: id,
      };
      const resource = ref.clientCertificate(scope, cert);
      if (!listed) {
        ctx.error(resource, 'clientCertificates');
        continue;
      }
      const evidence: Record<string, unknown> = {
        clientCertificateId: id,
        expirationDate: cert.expirationDate ?? null,
        stages: stages.sort(),
      };
      if (!listed.includes(cert)) {
        ctx.manual(
          resource,
          'The stage names a client certificate that GetClientCertificates did not return: check ' +
            'whether it was deleted and which certificate the backend expects',
          evidence,
        );
        continue;
      }
      const state = expiryState(cert.expirationDate, ctx.now, threshold);
      if (state.state === 'unknown') {
        ctx.manual(resource, 'The certificate has no expiration date: check it', evidence);
        continue;
      }
      evidence.daysLeft = state.daysLeft;
      if (state.state === 'expired') {
        ctx.fail(resource, `The certificate expired on ${cert.expirationDate}`, evidence, 'high');
      } else if (state.state === 'expiring') {
        ctx.fail(
          resource,
          `The certificate expires in ${state.daysLeft} day(s), within ${threshold}`,
          evidence,
          'medium',
        );
      } else {
        ctx.pass(resource, `The certificate is valid for ${state.daysLeft} more day(s)`, evidence);
      }
    }
  },
});
