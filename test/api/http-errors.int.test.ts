import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/api';

/**
 * Errors raised before any route runs — by Fastify's router or by Node's HTTP parser — are problem+json
 * with a stable code like every other error (issue 16, item 6). Sent over a real socket, since
 * `inject` bypasses the HTTP parser.
 */

const api = useTestApi();
let port: number;
let staff: string;

beforeAll(async () => {
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  port = (api.app.server.address() as AddressInfo).port;
  ({ key: staff } = await api.key('Baigou Trade Service Center', 'center', 'staff'));
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` as it is and reads until the server closes the connection. */
function raw(request: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.end(request);
  });
}

function expectProblemJson(response: RawResponse, status: number, code: string) {
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(response.body)).toMatchObject({ status, code, type: `urn:baigou:problem:${code}` });
}

const get = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${staff}\r\n${extra}Connection: close\r\n\r\n`;

describe('errors before any route runs', () => {
  it('answers a bad percent-encoding in a path parameter as problem+json', async () => {
    expectProblemJson(await raw(get('/v1/merchants/%E0%A4%A')), 400, 'request.malformed_url');
  });

  it('answers an over-long path parameter with 414 problem+json', async () => {
    expectProblemJson(await raw(get(`/v1/merchants/${'x'.repeat(5_000)}`)), 414, 'request.path_parameter_too_long');
  });

  it('answers a NUL in the request line as problem+json', async () => {
    expectProblemJson(await raw(get('/v1/merchants/a\u0000b')), 400, 'request.malformed_http');
  });

  it('answers conflicting Content-Length and Transfer-Encoding as problem+json', async () => {
    const request =
      `POST /v1/merchants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
      `Idempotency-Key: ${randomUUID()}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`;
    expectProblemJson(await raw(request), 400, 'request.malformed_http');
  });

  it('answers 20 KB of headers with 431 problem+json', async () => {
    expectProblemJson(
      await raw(get('/v1/merchants', `X-Padding: ${'a'.repeat(20_000)}\r\n`)),
      431,
      'request.headers_too_large',
    );
  });
});
