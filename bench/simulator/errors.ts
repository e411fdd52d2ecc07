/**
 * Error answers in each AWS protocol's format, as the SDK parses them.
 *
 * - REST-JSON (API Gateway v1 and v2, Lambda, Account): the error code in the
 *   `x-amzn-ErrorType` header, `{"message": ...}` as the body. Throttling is HTTP 429
 *   TooManyRequestsException with `Retry-After` (seconds), the header the SDK model binds to
 *   TooManyRequestsException.retryAfterSeconds.
 * - JSON 1.1 (WAFv2, CloudTrail, ACM): `{"__type": code, "message": ...}`, Content-Type
 *   application/x-amz-json-1.1. AWS WAF throttles with HTTP 400 ThrottlingException
 *   "Rate exceeded" (seen in AWS SDK debug logs quoted in terraform-provider-aws issue 14975, for
 *   waf-regional; WAFLimitsExceededException is the quota on resource counts, not on call rate).
 *   The SDK classifies ThrottlingException as throttling by name.
 * - Query (STS, EC2): an XML ErrorResponse.
 */
import { randomUUID } from 'node:crypto';

export type Protocol = 'rest-json' | 'json' | 'query';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function protocolOf(service: string): Protocol {
  switch (service) {
    case 'apigateway':
    case 'apigatewayv2':
    case 'lambda':
    case 'account':
      return 'rest-json';
    case 'sts':
    case 'ec2':
      return 'query';
    default:
      return 'json';
  }
}

export function errorAnswer(
  protocol: Protocol,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): Answer {
  const requestId = randomUUID();
  if (protocol === 'rest-json') {
    return {
      status,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': code,
        'x-amzn-requestid': requestId,
        ...extraHeaders,
      },
      body: JSON.stringify({ message }),
    };
  }
  if (protocol === 'json') {
    return {
      status,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': requestId,
        ...extraHeaders,
      },
      body: JSON.stringify({ __type: code, message }),
    };
  }
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...extraHeaders },
    body:
      `<ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code>` +
      `<Message>${message.replace(/[<>&]/g, '')}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** The throttling answer of a service: what AWS sends when a quota is exceeded. */
export function throttleAnswer(service: string, retryAfterMs: number | undefined): Answer {
  const protocol = protocolOf(service);
  if (protocol === 'rest-json') {
    const headers: Record<string, string> =
      retryAfterMs === undefined
        ? {}
        : { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
    return errorAnswer(protocol, 429, 'TooManyRequestsException', 'Too Many Requests', headers);
  }
  if (protocol === 'json')
    return errorAnswer(protocol, 400, 'ThrottlingException', 'Rate exceeded');
  return errorAnswer(protocol, 400, 'Throttling', 'Rate exceeded');
}

/** A server-side failure: 500 or 503 with the service's error code for it. */
export function serverErrorAnswer(service: string, status: 500 | 503): Answer {
  const protocol = protocolOf(service);
  if (status === 503) {
    const code =
      protocol === 'rest-json'
        ? 'ServiceUnavailableException'
        : protocol === 'json'
          ? 'ServiceUnavailableException'
          : 'ServiceUnavailable';
    return errorAnswer(protocol, 503, code, 'Service Unavailable');
  }
  const code = service === 'wafv2' ? 'WAFInternalErrorException' : 'InternalFailure';
  return errorAnswer(protocol, 500, code, 'Internal server error');
}

/** The answer to a principal without permission: AccessDeniedException (HTTP 403 for REST-JSON). */
export function accessDeniedAnswer(
  service: string,
  operation: string,
  accountId: string,
  resource: string,
): Answer {
  const protocol = protocolOf(service);
  const action =
    service === 'apigateway' || service === 'apigatewayv2'
      ? 'apigateway:GET'
      : `${service}:${operation}`;
  const message =
    `User: arn:aws:iam::${accountId}:user/auditor is not authorized to perform: ${action}` +
    ` on resource: ${resource}`;
  if (protocol === 'query') return errorAnswer(protocol, 403, 'AccessDenied', message);
  return errorAnswer(
    protocol,
    protocol === 'rest-json' ? 403 : 400,
    'AccessDeniedException',
    message,
  );
}

/**
 * What moto (Flask) answers for an operation it does not implement: an HTML 404 page, which the
 * SDK fails to parse (SyntaxError with the HTTP status in $metadata).
 */
export function unsupportedAnswer(): Answer {
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body:
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
      '<p>The requested URL was not found on the server.</p>\n',
  };
}
