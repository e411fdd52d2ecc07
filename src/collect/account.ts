/** Account-level API Gateway settings in a region: GetAccount and the client certificates. */
import { GetAccountCommand, GetClientCertificatesCommand } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayAccount, ClientCertificate } from '../snapshot/types.js';
import type { RegionContext } from './context.js';
import { pagesV1 } from './paginate.js';
import { plain } from './plain.js';
import { PAGE } from './rest.js';

/** cloudwatchRoleArn (execution and access log delivery) and the account throttle limits. */
export async function collectApiGatewayAccount(
  ctx: RegionContext,
): Promise<ApiGatewayAccount | undefined> {
  const out = await ctx.send(
    { slice: 'account', service: 'apigateway', operation: 'GetAccount' },
    ctx.clients.apigateway,
    new GetAccountCommand({}),
  );
  return out && plain<ApiGatewayAccount>(out);
}

/** Client certificates without their PEM bodies (metadata and expiry is what checks read). */
export async function collectClientCertificates(
  ctx: RegionContext,
): Promise<ClientCertificate[] | undefined> {
  const certs = await pagesV1(
    ctx,
    { slice: 'clientCertificates', service: 'apigateway', operation: 'GetClientCertificates' },
    ctx.clients.apigateway,
    (position) => new GetClientCertificatesCommand({ limit: PAGE, position }),
  );
  if (!certs) return undefined;
  ctx.found('clientCertificates', certs.length);
  return certs.map((raw) => {
    const { pemEncodedCertificate: _pem, ...meta } = plain<
      ClientCertificate & { pemEncodedCertificate?: string }
    >(raw);
    return meta;
  });
}
