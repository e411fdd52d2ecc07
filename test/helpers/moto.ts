/**
 * A real moto_server for one test file: started on a free loopback port, reset between tests,
 * stopped at the end. Each file gets its own server, so files can run in parallel. The start-up
 * code itself lives in bench/moto.ts, shared with the benchmark.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startMoto, TEST_CREDENTIALS, type MotoServer } from '../../bench/moto.js';
import { startSimulator, type Simulator } from '../../bench/simulator/server.js';
import { createClientFactory, type ClientFactory } from '../../src/collect/clients.js';

export { motoPython, startMoto, TEST_CREDENTIALS, type MotoServer } from '../../bench/moto.js';

export interface MotoHandle {
  server: MotoServer;
  endpoint: string;
  /** Clients for seeding and for the scan, all pointed at this server. */
  clients: ClientFactory;
}

/**
 * Registers beforeAll/beforeEach/afterAll hooks for a server shared by the file's tests. With
 * `fillGaps`, every call goes through the bench simulator (no quotas, no latency), which answers
 * what moto leaves out the way AWS does: what deployments serve, canaries, HTTP API exports.
 */
export function useMoto(opts: { fillGaps?: boolean } = {}): MotoHandle {
  const handle = {} as MotoHandle;
  let sim: Simulator | undefined;
  beforeAll(async () => {
    handle.server = await startMoto();
    handle.endpoint = handle.server.endpoint;
    if (opts.fillGaps) {
      sim = await startSimulator({
        target: handle.endpoint,
        quotas: false,
        latencyMs: 0,
        fillMotoGaps: true,
      });
      handle.endpoint = sim.endpoint;
    }
    handle.clients = createClientFactory({
      endpointUrl: handle.endpoint,
      credentials: TEST_CREDENTIALS,
      maxAttempts: 2,
    });
  }, 60_000);
  beforeEach(async () => {
    await handle.server.reset();
  });
  afterAll(async () => {
    await sim?.stop();
    await handle.server?.stop();
  });
  return handle;
}

/**
 * Operations moto 5.2.1 lacks (it answers them with an HTML page): apigateway
 * GetClientCertificates (404), GetDomainNameAccessAssociations (404), apigatewayv2
 * GetAuthorizers (500) and ExportApi. A scan against moto records them as collection errors; their success
 * paths are tested with aws-sdk-client-mock.
 */
export const MOTO_GAP_OPERATIONS = new Set([
  'apigateway:GetClientCertificates',
  'apigateway:GetDomainNameAccessAssociations',
  'apigatewayv2:GetAuthorizers',
  'apigatewayv2:ExportApi',
]);

export function isMotoGap(e: { service: string; operation: string; errorCode: string }): boolean {
  return (
    MOTO_GAP_OPERATIONS.has(`${e.service}:${e.operation}`) &&
    e.errorCode.startsWith('UnsupportedOperation')
  );
}
