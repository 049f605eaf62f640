import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../infra/local/dynamodb-local';
import { readLocalAuthConfig } from '../../shared/runtime/local-auth/local-auth-config';
import { readHttpApi } from '../../infra/local/http-api-definition';
import { LocalAwsJsonEndpoint } from '../../infra/local/local-aws-json-endpoint';
import { LocalHttpApi, listenHttp } from '../../infra/local/local-http-api';
import { LOCAL_REGION } from '../../infra/local/local-names';
import { LocalStack } from '../../infra/local/local-stack';
import { fixtureTemplate } from './fixtures/fixture-stack';
import { rawRequest, type RawRequestOptions, type RawResponse } from './fixtures/raw-request';

let stack: LocalStack;
let dataDir: string;
let echoFunction: string;
let slowFunction: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lindung-local-api-'));
  stack = await LocalStack.start({
    template: fixtureTemplate(),
    dataDir,
    inMemory: true,
    environment: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  const functions = stack.template.ofType('AWS::Lambda::Function').map(([id]) => id);
  echoFunction = functions.find((id) => id.startsWith('Echo'))!;
  slowFunction = functions.find((id) => id.startsWith('Slow'))!;
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(() => vi.restoreAllMocks());

/** A request to the fixture stack's API, unless `baseUrl` names another server. */
const request = (method: string, urlPath: string, options: RawRequestOptions = {}): Promise<RawResponse> =>
  rawRequest(method, new URL(urlPath, options.baseUrl ?? stack.apiUrl), options);

const bearer = (token: string): [string, string] => ['authorization', `Bearer ${token}`];

describe('events sent to functions', () => {
  it('builds a payload format 2.0 event from the request', async () => {
    const response = await request('GET', '/public/echo/a%20b?x=1&x=2&y=z', {
      headers: [
        ['Cookie', 'c1=1; c2=2'],
        ['X-Repeat', 'a'],
        ['X-Repeat', 'b'],
        ['User-Agent', 'vitest'],
      ],
    });
    expect(response.status).toBe(200);
    const { event, functionName } = response.json();
    expect(functionName).toBe(echoFunction);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /public/{proxy+}',
      rawPath: '/public/echo/a%20b',
      rawQueryString: 'x=1&x=2&y=z',
      cookies: ['c1=1', 'c2=2'],
      queryStringParameters: { x: '1,2', y: 'z' },
      pathParameters: { proxy: 'echo/a b' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        http: { method: 'GET', path: '/public/echo/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
        routeKey: 'ANY /public/{proxy+}',
        stage: '$default',
      },
    });
    expect(event.headers['x-repeat']).toBe('a,b');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.body).toBeUndefined();
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    expect(response.headers['apigw-requestid']).toBe(event.requestContext.requestId);
  });

  it('passes text bodies as text and other bodies base64-encoded', async () => {
    const text = await request('POST', '/public/echo', { headers: [['content-type', 'application/json']], body: '{"a":1}' });
    expect(text.json().event).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const binary = await request('POST', '/public/echo', {
      headers: [['content-type', 'application/octet-stream']],
      body: Buffer.from([0, 255]),
    });
    expect(binary.json().event).toMatchObject({ body: Buffer.from([0, 255]).toString('base64'), isBase64Encoded: true });
  });

  it('picks the most specific route, and a method-specific one only for its method', async () => {
    expect((await request('GET', '/public/specific')).headers['x-function']).toBe(slowFunction);
    expect((await request('POST', '/public/specific')).headers['x-function']).toBe(echoFunction);
  });
});

describe('responses from functions', () => {
  it('returns a result without statusCode as a 200 JSON body', async () => {
    const response = await request('GET', '/public/plain');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json()).toEqual({ hello: 'world' });
  });

  it('decodes base64 bodies, sets cookies, and drops the function’s own CORS headers', async () => {
    const response = await request('GET', '/public/binary');
    expect(response.status).toBe(201);
    expect([...response.body]).toEqual([0, 1, 2, 255]);
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('defaults the content type as API Gateway does', async () => {
    const response = await request('GET', '/public/no-content-type');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body.toString()).toBe('plain');
  });
});

describe('handlers and DynamoDB Local', () => {
  it('lets a plain new DynamoDBClient({}) in a handler reach DynamoDB Local through AWS_ENDPOINT_URL_DYNAMODB', async () => {
    const token = await stack.token('ani', ['admin'], '3674');
    const stored = await request('PUT', '/items/abc', {
      headers: [bearer(token), ['content-type', 'text/plain']],
      body: 'hello',
    });
    expect(stored.status).toBe(200);
    const read = await request('GET', '/items/abc', { headers: [bearer(token)] });
    expect(read.json()).toEqual({ body: 'hello' });

    const client = new DynamoDBClient({ endpoint: stack.dynamoDbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: stack.tableName('Items'), Key: { pk: { S: 'item#abc' }, sk: { S: 'item' } } }),
      );
      expect(Item?.body?.S).toBe('hello');
    } finally {
      client.destroy();
    }
  });
});

describe('API Gateway’s own answers', () => {
  it('answers 404 for a path or method no route matches', async () => {
    for (const [method, urlPath] of [
      ['GET', '/nothing'],
      ['GET', '/private/extra'],
      ['DELETE', '/items/abc'],
      ['GET', '/public'],
    ] as const) {
      const response = await request(method, urlPath);
      expect(response.status, `${method} ${urlPath}`).toBe(404);
      expect(response.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('answers 500 when the function throws, and logs the error with the function name', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const response = await request('GET', '/public/throw');
    expect(response.status).toBe(500);
    expect(response.json()).toEqual({ message: 'Internal Server Error' });
    const logged = stderr.mock.calls.map(([text]) => String(text)).join('');
    expect(logged).toContain(echoFunction);
    expect(logged).toContain('The fixture failed on purpose');
  });

  it('answers 413 for a body over 10 MB', async () => {
    const response = await request('POST', '/public/echo', {
      headers: [['content-type', 'text/plain']],
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 'a'),
    });
    expect(response.status).toBe(413);
  });

  it('answers 413 naming the function when the event is over Lambda’s 6 MB', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const response = await request('POST', '/public/echo', {
      headers: [['content-type', 'text/plain']],
      body: Buffer.alloc(7 * 1024 * 1024, 'a'),
    });
    expect(response.status).toBe(413);
    expect(response.json().message).toContain(`function ${echoFunction}`);
  });

  it('answers 502 naming the function when its response is over Lambda’s 6 MB', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const response = await request('GET', '/public/big-response');
    expect(response.status).toBe(502);
    expect(response.json().message).toContain(`The response payload of function ${echoFunction}`);
  });

  it('answers 503 when the function times out', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const response = await request('GET', '/slow');
    expect(response.status).toBe(503);
    expect(response.json()).toEqual({ message: 'Service Unavailable' });
  });
});

describe('CORS', () => {
  const origin: [string, string] = ['origin', 'https://console.example'];

  it('answers preflight requests from the CorsConfiguration', async () => {
    const response = await request('OPTIONS', '/private', {
      headers: [origin, ['access-control-request-method', 'PUT'], ['access-control-request-headers', 'authorization']],
    });
    expect(response.status).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'https://console.example',
      'access-control-allow-methods': 'GET,PUT',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '600',
    });
  });

  it('gives a disallowed origin no CORS headers', async () => {
    const response = await request('OPTIONS', '/private', {
      headers: [['origin', 'https://evil.example'], ['access-control-request-method', 'GET']],
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('adds the allowed origin to responses', async () => {
    const response = await request('GET', '/public/binary', { headers: [origin] });
    expect(response.headers['access-control-allow-origin']).toBe('https://console.example');
  });
});

describe('request logging', () => {
  it('logs one line per request, without the token', async () => {
    const api = new LocalHttpApi({ definition: readHttpApi(stack.template), lambdas: stack.lambdas, dataDir, log: true });
    const { server, port } = await listenHttp(0);
    server.on('request', api.listener);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const token = await stack.token('siti', ['finance'], '3674');
      await request('GET', '/private?nik=3674', { baseUrl: `http://127.0.0.1:${port}`, headers: [bearer(token)] });
      const logged = stdout.mock.calls.map(([text]) => String(text)).join('');
      expect(logged).toMatch(/GET \/private 200 \d+ ms\n$/);
      expect(logged).not.toContain(token.slice(-20));
      expect(logged).not.toContain('3674');
    } finally {
      stdout.mockRestore();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the Step Functions endpoint', () => {
  const listStateMachines: [string, string][] = [
    ['x-amz-target', 'AWSStepFunctions.ListStateMachines'],
    ['content-type', 'application/x-amz-json-1.0'],
  ];

  it('is not served on the API port, which answers a Step Functions call as API Gateway does', async () => {
    const response = await request('POST', '/', { headers: listStateMachines, body: '{}' });
    expect(response.status).toBe(404);
    expect(response.json()).toEqual({ message: 'Not Found' });
  });

  it('answers on its own port, where a plain new SFNClient({}) in a handler finds it through AWS_ENDPOINT_URL_SFN', async () => {
    expect(stack.stepFunctionsEndpoint).not.toBe(stack.apiUrl);
    // The functions' environment is this process's environment: handlers see the same variables.
    expect(process.env.AWS_ENDPOINT_URL_SFN).toBe(stack.stepFunctionsEndpoint);
    const client = new SFNClient({});
    try {
      const { stateMachines } = await client.send(new ListStateMachinesCommand({}));
      expect(stateMachines).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it('listens on 127.0.0.1 only, like the API', async () => {
    // 127.0.0.2 is loopback too, but a server bound to 127.0.0.1 (not 0.0.0.0) refuses it, as it refuses the LAN.
    const elsewhere = Object.values(os.networkInterfaces())
      .flat()
      .filter((address) => address?.family === 'IPv4' && !address.internal)
      .map((address) => address!.address);
    for (const url of [stack.stepFunctionsEndpoint, stack.apiUrl]) {
      const { hostname, port } = new URL(url);
      expect(hostname).toBe('127.0.0.1');
      for (const host of ['127.0.0.2', ...elsewhere]) {
        await expect(request('POST', '/', { baseUrl: `http://${host}:${port}`, headers: listStateMachines }), `${host}:${port}`).rejects.toThrow(
          /ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/,
        );
      }
    }
  });

  it('hands AWSStepFunctions.* calls to the service and answers in AWS JSON', async () => {
    const calls: [string, unknown][] = [];
    const endpoint = new LocalAwsJsonEndpoint({
      service: {
        handle: async (target, body) => {
          calls.push([target, body]);
          return { status: 200, body: { executionArn: 'arn:x' } };
        },
      },
    });
    const { server, port } = await listenHttp(0);
    server.on('request', endpoint.listener);
    try {
      const response = await request('POST', '/', {
        baseUrl: `http://127.0.0.1:${port}`,
        headers: [['x-amz-target', 'AWSStepFunctions.StartExecution'], ['content-type', 'application/x-amz-json-1.0']],
        body: '{"input":"{}"}',
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(response.json()).toEqual({ executionArn: 'arn:x' });
      expect(calls).toEqual([['AWSStepFunctions.StartExecution', { input: '{}' }]]);

      const noTarget = await request('POST', '/', { baseUrl: `http://127.0.0.1:${port}`, body: '{}' });
      expect(noTarget.status).toBe(400);
      expect(noTarget.json().__type).toBe('UnknownOperationException');
      expect(calls).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('the local controls', () => {
  it('answer only a local admin token', async () => {
    const tokens = {
      none: undefined,
      finance: await stack.token('siti', ['finance'], '3674'),
      garbage: 'not-a-jwt',
    };
    for (const [who, token] of Object.entries(tokens)) {
      for (const [method, urlPath] of [['GET', '/_local/clock'], ['PUT', '/_local/clock'], ['GET', '/_local/schedules']] as const) {
        const body = method === 'PUT' ? '{"reset":true}' : undefined;
        const response = await request(method, urlPath, { headers: token ? [bearer(token)] : [], ...(body ? { body } : {}) });
        expect(response.status, `${who}: ${method} ${urlPath}`).toBe(401);
        expect(response.json().message).toContain('npx lindung login --as admin');
      }
    }
    const admin = await stack.token('ani', ['admin'], '3674');
    const clock = await request('GET', '/_local/clock', { headers: [bearer(admin)] });
    expect(clock.status).toBe(200);
    expect(clock.json()).toHaveProperty('now');
  });
});

describe('files for the CLI', () => {
  it('writes endpoint.json and local-auth.json', () => {
    const endpoint = JSON.parse(readFileSync(path.join(dataDir, 'endpoint.json'), 'utf8'));
    expect(endpoint).toEqual({
      apiUrl: stack.apiUrl,
      stepFunctionsEndpoint: stack.stepFunctionsEndpoint,
      dynamoDbEndpoint: stack.dynamoDbEndpoint,
      pid: process.pid,
    });
    const auth = readLocalAuthConfig(dataDir);
    expect(auth?.issuer).toMatch(/^https:\/\/cognito-idp\.ap-southeast-3\.amazonaws\.com\/Users/);
    expect(auth?.audience).toMatch(/^UsersConsole/);
  });
});
