/**
 * The hand-written sign-in the bench compares the server's with (docs/design.md, Targets), a
 * child process of its own (`node -r @swc-node/register bench/signin-baseline-server.ts`):
 * node:http + mysql2 + the server's argon2id binding and TOTP check, nothing else.
 *
 * - `POST /sign-in` `{ email, password }`: reserve one attempt on the email's bucket (the
 *   server's limiter's conditional UPDATE, INSERT when the bucket is new), read the login with
 *   its active profile and whether it holds an authenticator, verify the password, give the
 *   attempt back, write the session and one audit row. Answers `{ token, stage }` (ACTIVE, or
 *   SECOND_FACTOR when the profile holds an authenticator); 401 on a wrong password.
 * - `POST /verify` `{ token, code }`: read the session's authenticator, check the code after
 *   its last used step, one conditional write of the step. Answers `{ stage: "ACTIVE" }`; 401
 *   when the code is wrong or its step was used.
 *
 * Environment: BENCH_BASELINE_MYSQL_URL (mysql2 pool of 10 connections, like the server's),
 * TWOFOLD_SECRET_KEY (base64, to open the sealed secrets). Prints its port first on stdout.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@node-rs/argon2';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { deriveSecrets } from '../src/crypto/keys';
import { hashToken, newToken } from '../src/crypto/tokens';
import { emailBucket, passwordRules } from '../src/modules/auth/password-sign-in.service';
import { verifyTotp } from '../src/modules/two-factor/authenticator/totp';
import { baselinePool } from './baseline-pool';

const mysqlUrl = process.env.BENCH_BASELINE_MYSQL_URL;
const key = process.env.TWOFOLD_SECRET_KEY;
if (!mysqlUrl || !key)
  throw new Error('BENCH_BASELINE_MYSQL_URL and TWOFOLD_SECRET_KEY are required');
const pool = baselinePool(mysqlUrl);
const { box } = deriveSecrets(Buffer.from(key, 'base64'));
const rule = passwordRules.email;
const sessionHours = 12;

async function rows(sql: string, params: unknown[]): Promise<RowDataPacket[]> {
  return (await pool.query<RowDataPacket[]>(sql, params))[0];
}
async function write(sql: string, params: unknown[]): Promise<number> {
  return (await pool.query<ResultSetHeader>(sql, params))[0].affectedRows;
}

/**
 * The limiter's reservation: one conditional UPDATE; an INSERT for a new bucket; the UPDATE once
 * more when another request inserted the bucket first (as the limiter retries).
 */
async function reserve(bucket: string, now: Date): Promise<boolean> {
  const cutoff = new Date(now.getTime() - rule.windowSeconds * 1000);
  for (let round = 0; round < 2; round++) {
    const counted = await write(
      'UPDATE rate_limits SET count = CASE WHEN windowStartedAt <= ? THEN 1 ELSE count + 1 END, ' +
        'windowStartedAt = CASE WHEN windowStartedAt <= ? THEN ? ELSE windowStartedAt END ' +
        'WHERE bucket = ? AND (windowStartedAt <= ? OR count < ?)',
      [cutoff, cutoff, now, bucket, cutoff, rule.limit],
    );
    if (counted > 0) return true;
    const inserted = await write(
      'INSERT IGNORE INTO rate_limits (bucket, count, windowStartedAt) VALUES (?, 1, ?)',
      [bucket, now],
    );
    if (inserted > 0) return true;
  }
  return false;
}

async function signIn(body: { email: string; password: string }): Promise<object | null> {
  const now = new Date();
  const bucket = emailBucket(body.email);
  if (!(await reserve(bucket, now))) return null;
  const [login] = await rows(
    'SELECT i.id AS identityId, i.passwordHash, u.id AS userId, u.accountId, ' +
      "EXISTS (SELECT 1 FROM authenticator_factors f WHERE f.userId = u.id AND f.status = 'ACTIVE') AS enrolled " +
      "FROM identities i JOIN users u ON u.identityId = i.id AND u.status = 'ACTIVE' " +
      'WHERE i.email = ? ORDER BY u.createdAt, u.id LIMIT 1',
    [body.email],
  );
  if (!login || !(await verify(String(login.passwordHash), body.password))) return null;
  await write('UPDATE rate_limits SET count = count - 1 WHERE bucket = ? AND count > 0', [bucket]);
  const token = newToken();
  const stage = Number(login.enrolled) ? 'SECOND_FACTOR' : 'ACTIVE';
  await write(
    'INSERT INTO sessions (id, tokenHash, identityId, userId, secondFactorVerifiedAt, transport, ' +
      "createdAt, lastSeenAt, absoluteExpiresAt, ip) VALUES (?, ?, ?, ?, ?, 'BEARER', ?, ?, ?, ?)",
    [
      randomUUID(),
      hashToken(token),
      login.identityId,
      login.userId,
      stage === 'ACTIVE' ? now : null,
      now,
      now,
      new Date(now.getTime() + sessionHours * 3600_000),
      '127.0.0.1',
    ],
  );
  await write(
    'INSERT INTO audit_events (id, accountId, actorUserId, actorIdentityId, action, ip, createdAt) ' +
      "VALUES (?, ?, ?, ?, 'auth.signed_in', ?, ?)",
    [randomUUID(), login.accountId, login.userId, login.identityId, '127.0.0.1', now],
  );
  return { token, stage };
}

async function verifyCode(body: { token: string; code: string }): Promise<object | null> {
  const now = new Date();
  const [factor] = await rows(
    'SELECT f.id, f.secretSealed, f.lastUsedStep FROM sessions s ' +
      "JOIN authenticator_factors f ON f.userId = s.userId AND f.status = 'ACTIVE' " +
      'WHERE s.tokenHash = ? AND s.absoluteExpiresAt > ?',
    [hashToken(body.token), now],
  );
  if (!factor) return null;
  const checked = verifyTotp(box.open(String(factor.secretSealed)), body.code, now, {
    afterStep: factor.lastUsedStep === null ? null : Number(factor.lastUsedStep),
  });
  if (!checked.valid) return null;
  const stepped = await write(
    'UPDATE authenticator_factors SET lastUsedStep = ? ' +
      'WHERE id = ? AND (lastUsedStep IS NULL OR lastUsedStep < ?)',
    [checked.step, factor.id, checked.step],
  );
  return stepped === 1 ? { stage: 'ACTIVE' } : null;
}

function readJson(request: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.on('error', reject);
  });
}

const routes: Record<string, (body: Record<string, string>) => Promise<object | null>> = {
  '/sign-in': (body) => signIn({ email: body.email ?? '', password: body.password ?? '' }),
  '/verify': (body) => verifyCode({ token: body.token ?? '', code: body.code ?? '' }),
};

const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const route = routes[request.url ?? ''];
  if (request.method !== 'POST' || !route) {
    response.writeHead(404).end();
    return;
  }
  readJson(request)
    .then(route)
    .then((answer) => {
      if (answer === null) response.writeHead(401).end();
      else
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    })
    .catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
