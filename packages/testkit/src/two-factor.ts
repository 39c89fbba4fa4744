import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiClient } from './api-client';

/** TOTP steps are 30 s: `stepOf(Date.now())`. */
export function stepOf(ms: number): number {
  return Math.floor(ms / 30_000);
}

/** The code any authenticator app shows at `step`, computed by oathtool (independent of our code). */
export function oathCode(secret: string, step: number): string {
  const at = new Date(step * 30_000 + 15_000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return execFileSync('oathtool', ['--totp', '-b', '--now', at, secret], {
    encoding: 'utf8',
  }).trim();
}

/** Decodes a `data:image/png;base64,…` QR code with zbarimg, as a phone camera would. */
export function readQrCode(dataUrl: string): string {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  if (!match?.[1]) throw new Error('not a PNG data URL');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-qr-'));
  try {
    const file = path.join(dir, 'qr.png');
    writeFileSync(file, Buffer.from(match[1], 'base64'));
    // -Sbinary: the symbol's bytes as they are, with no guess at their character set
    return execFileSync('zbarimg', ['--nodbus', '--raw', '-q', '-Sbinary', file], {
      encoding: 'utf8',
    }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ParsedOtpauth {
  issuer: string;
  label: string;
  params: URLSearchParams;
  secret: string;
}

export function parseOtpauth(uri: string): ParsedOtpauth {
  const match = /^otpauth:\/\/totp\/([^:?]+):([^?]+)\?(.+)$/.exec(uri);
  if (!match?.[1] || !match[2] || !match[3]) throw new Error(`not an otpauth URI: ${uri}`);
  const params = new URLSearchParams(match[3]);
  return {
    issuer: decodeURIComponent(match[1]),
    label: decodeURIComponent(match[2]),
    params,
    secret: params.get('secret') ?? '',
  };
}

export const BEGIN = `mutation ($link: String) {
  beginAuthenticatorEnrollment(linkToken: $link) { otpauthUri qrCodeDataUrl manualEntryKey }
}`;
export const CONFIRM = `mutation ($code: String!) {
  confirmAuthenticatorEnrollment(code: $code) {
    backupCodes
    session { stage backupCodesRemaining availableSecondFactors }
  }
}`;
export const VERIFY = `mutation ($kind: SecondFactorKind!, $code: String!) {
  verifySecondFactor(kind: $kind, code: $code) { stage backupCodesRemaining availableSecondFactors }
}`;

export interface Enrolled {
  secret: string;
  /** The step whose code confirmed the enrollment (used up). */
  step: number;
  backupCodes: string[];
  uri: string;
  manualEntryKey: string;
}

/** Begins and confirms an authenticator enrollment the way a user with a phone does. */
export async function enroll(client: ApiClient, link?: string): Promise<Enrolled> {
  const begun = await client.ok<{
    beginAuthenticatorEnrollment: {
      otpauthUri: string;
      qrCodeDataUrl: string;
      manualEntryKey: string;
    };
  }>(BEGIN, { link: link ?? null });
  const { otpauthUri, qrCodeDataUrl, manualEntryKey } = begun.beginAuthenticatorEnrollment;
  const scanned = readQrCode(qrCodeDataUrl);
  if (scanned !== otpauthUri) {
    throw new Error(`the QR code does not carry the URI: read ${scanned}, sent ${otpauthUri}`);
  }
  const { secret } = parseOtpauth(scanned);
  const step = stepOf(Date.now());
  const confirmed = await client.ok<{ confirmAuthenticatorEnrollment: { backupCodes: string[] } }>(
    CONFIRM,
    { code: oathCode(secret, step) },
  );
  return {
    secret,
    step,
    backupCodes: confirmed.confirmAuthenticatorEnrollment.backupCodes,
    uri: otpauthUri,
    manualEntryKey,
  };
}

/** A six-digit code that is none of the codes of steps step-1 … step+1 (so surely wrong). */
export function wrongCode(secret: string, step: number): string {
  const valid = new Set([step - 1, step, step + 1, step + 2].map((s) => oathCode(secret, s)));
  for (const candidate of ['000000', '111111', '222222', '333333', '444444', '555555']) {
    if (!valid.has(candidate)) return candidate;
  }
  throw new Error('unreachable');
}
