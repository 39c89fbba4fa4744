/**
 * `pnpm bench --soak <minutes>`: half the saturating rate of a mixed workload, held open-loop,
 * with short session lifetimes and a purge every minute, so that the sessions table must stay
 * bounded. A unit of work: a full sign-in (password, then the authenticator code), then with its
 * token the users page (even units) or `viewer` (odd units); every 5th unit renames its own
 * profile (`updateProfile`, toggling between two names: the unit's fresh token stays valid,
 * unlike a long-lived owner token under a 3-minute session maximum), every 10th signs out. Every
 * interval prints requests, errors, p50/p99, server RSS and `COUNT(*)` of sessions. Errors are
 * counted and reported, never thrown; the caller exits 1 when there were any.
 */
import type { DataSource } from 'typeorm';
import { Api, HttpClient, percentile, Recorder, closedLoop, openLoop, rounded } from './load';
import { type Child, progress, RssSampler } from './processes';
import { countSessions, password } from './seed';
import type { TotpPool } from './totp';

/** Minutes; the server is started with these during a soak. */
const lifetimes = {
  PURGE_INTERVAL_MINUTES: 1,
  SESSION_PENDING_MINUTES: 1,
  SESSION_IDLE_MINUTES: 2,
  SESSION_MAX_MINUTES: 3,
  SESSION_ENROLLMENT_IDLE_MINUTES: 1,
  SESSION_ENROLLMENT_MAX_MINUTES: 2,
};

export const soakServerEnv: Record<string, string> = Object.fromEntries(
  Object.entries(lifetimes).map(([name, minutes]) => [name, String(minutes)]),
);

export interface SoakInterval {
  elapsedSeconds: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  rssMiB: number;
  maxRssMiB: number;
  sessions: number;
}

export interface SoakResult {
  calibration: { unitsPerSecond: number; p50: number; p99: number; errors: number };
  rate: number;
  intervals: SoakInterval[];
  units: number;
  requests: number;
  errors: number;
  errorMessages: Record<string, number>;
  p50: number;
  p99: number;
  maxRssMiB: number;
  rssFirstMinuteMiB: number;
  rssLastMinuteMiB: number;
  rssSlopeMiBPerMinute: number;
  sessionsAfterFirstPurge: { min: number; max: number; samples: number } | null;
  sessionsBound: number;
}

const ms = (value: number) =>
  Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : String(Math.round(value));
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Least-squares slope of RSS over time, in MiB per minute. */
function slope(samples: { at: number; mib: number }[]): number {
  if (samples.length < 2) return 0;
  const t0 = samples[0]!.at;
  const xs = samples.map((s) => (s.at - t0) / 60_000);
  const ys = samples.map((s) => s.mib);
  const mx = mean(xs);
  const my = mean(ys);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export async function runSoak(options: {
  url: string;
  server: Child;
  dataSource: DataSource;
  pool: TotpPool;
  minutes: number;
  calibrationSeconds: number;
  inFlight: number;
  asJson: boolean;
  header: string;
}): Promise<SoakResult> {
  const { pool, dataSource, server } = options;
  const intervalSeconds = Number(process.env.BENCH_SOAK_INTERVAL_SECONDS ?? 30);
  const say = (line: string) =>
    options.asJson ? progress(line) : process.stdout.write(`${line}\n`);

  // per-request latencies of the current interval, and of the whole soak
  let interval = new Recorder();
  let all = new Recorder();
  let requests = 0;
  const http = new HttpClient(options.url);
  const api = new Api(http, (_operation, latency) => {
    interval.record(latency);
    all.record(latency);
    requests += 1;
  });

  const unit = async (index: number, onError: (error: unknown) => void): Promise<void> => {
    try {
      const lease = await pool.take();
      let token: string;
      try {
        token = await api.signIn(lease.user.email, password, 'SECOND_FACTOR');
        await api.verify(token, lease.code);
      } finally {
        pool.release(lease);
      }
      if (index % 2 === 0) await api.usersPage(token);
      else await api.viewer(token);
      if (index % 5 === 0) {
        await api.updateProfile(
          token,
          `${lease.user.email.split('@')[0]} ${index % 2 ? 'a' : 'b'}`,
        );
      }
      if (index % 10 === 0) await api.signOut(token);
    } catch (error) {
      onError(error);
    }
  };

  say(options.header);
  progress(
    `soak: calibrating the mixed workload, closed loop, ${options.inFlight} in flight, ${options.calibrationSeconds} s…`,
  );
  const calibrationFailures = new Recorder();
  const calibration = await closedLoop(options.inFlight, options.calibrationSeconds, (i) =>
    unit(i, (error) => calibrationFailures.fail(error)),
  );
  // the soak's own numbers start now
  interval = new Recorder();
  all = new Recorder();
  requests = 0;
  const rate = calibration.measured.requestsPerSecond / 2;
  say(
    `calibration: ${calibration.measured.requestsPerSecond.toFixed(1)} units/s saturated ` +
      `(unit p50 ${ms(calibration.measured.p50)} ms, p99 ${ms(calibration.measured.p99)} ms, ` +
      `${calibrationFailures.errors} errors); holding ${rate.toFixed(1)} units/s for ${options.minutes} min`,
  );
  say('| elapsed s | requests | errors | p50 ms | p99 ms | RSS MiB (max) | sessions |');
  say('|---|---|---|---|---|---|---|');

  const rss = new RssSampler(server.pid, 1000);
  const intervals: SoakInterval[] = [];
  const soakFailures = new Recorder();
  let intervalStart = Date.now();
  const started = Date.now();
  const report = async () => {
    const current = interval;
    interval = new Recorder();
    const sorted = [...current.latencies].sort((x, y) => x - y);
    const row: SoakInterval = {
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
      requests: sorted.length,
      errors: current.errors,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      rssMiB: rss.sample(),
      maxRssMiB: rss.max(intervalStart),
      sessions: await countSessions(dataSource),
    };
    intervalStart = Date.now();
    intervals.push(row);
    say(
      `| ${row.elapsedSeconds} | ${row.requests} | ${row.errors} | ${ms(row.p50)} | ${ms(row.p99)} | ` +
        `${Math.round(row.rssMiB)} (${Math.round(row.maxRssMiB)}) | ${row.sessions} |`,
    );
  };
  let reporting: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    reporting = reporting.then(report).catch((error: unknown) => soakFailures.fail(error));
  }, intervalSeconds * 1000);
  const run = await openLoop(rate, options.minutes * 60, (i) =>
    unit(i, (error) => {
      interval.fail(error);
      soakFailures.fail(error);
    }),
  ).finally(() => clearInterval(timer));
  await reporting;
  // the tail of the last interval, unless it just reported
  if (Date.now() - intervalStart > 1000) await report();
  rss.stop();
  http.close();

  const rssSamples = rss.samples;
  const end = rssSamples.at(-1)?.at ?? started;
  const firstMinute = rssSamples.filter((s) => s.at < started + 60_000).map((s) => s.mib);
  const lastMinute = rssSamples.filter((s) => s.at >= end - 60_000).map((s) => s.mib);
  // sessions of the load can be purged once idle past SESSION_IDLE_MINUTES and a purge ran
  const purgeableAfter = (lifetimes.SESSION_IDLE_MINUTES + lifetimes.PURGE_INTERVAL_MINUTES) * 60;
  const afterPurge = intervals.filter((i) => i.elapsedSeconds >= purgeableAfter);
  const sorted = [...all.latencies].sort((x, y) => x - y);
  const errors = calibrationFailures.errors + soakFailures.errors;
  const errorMessages: Record<string, number> = {};
  for (const recorder of [calibrationFailures, soakFailures]) {
    for (const [message, count] of recorder.errorCounts) {
      errorMessages[message] = (errorMessages[message] ?? 0) + count;
    }
  }
  const result: SoakResult = {
    calibration: {
      unitsPerSecond: calibration.measured.requestsPerSecond,
      p50: calibration.measured.p50,
      p99: calibration.measured.p99,
      errors: calibrationFailures.errors,
    },
    rate,
    intervals,
    units: run.measured.count,
    requests,
    errors,
    errorMessages,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    maxRssMiB: rss.max(),
    rssFirstMinuteMiB: firstMinute.length ? mean(firstMinute) : NaN,
    rssLastMinuteMiB: lastMinute.length ? mean(lastMinute) : NaN,
    rssSlopeMiBPerMinute: slope(rssSamples),
    sessionsAfterFirstPurge: afterPurge.length
      ? {
          min: Math.min(...afterPurge.map((i) => i.sessions)),
          max: Math.max(...afterPurge.map((i) => i.sessions)),
          samples: afterPurge.length,
        }
      : null,
    // 9 of 10 units leave a session that lives until idle and purged: rate × (idle + purge)
    sessionsBound: Math.ceil(rate * 0.9 * purgeableAfter),
  };

  const sessions = result.sessionsAfterFirstPurge
    ? `sessions after the first purge that can reach the load's (≥ ${purgeableAfter} s): ` +
      `min ${result.sessionsAfterFirstPurge.min}, max ${result.sessionsAfterFirstPurge.max} ` +
      `over ${result.sessionsAfterFirstPurge.samples} samples (steady state ≈ ${result.sessionsBound})`
    : `sessions: the soak ended before ${purgeableAfter} s, when the first sessions of the load ` +
      `can be purged (steady state ≈ ${result.sessionsBound})`;
  say(
    `\nsummary: ${result.units} units, ${result.requests} requests, ${result.errors} errors` +
      `${
        result.errors
          ? ` (${Object.entries(errorMessages)
              .map(([m, n]) => `${n}× ${m}`)
              .join('; ')})`
          : ''
      }; ` +
      `p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms; server RSS max ${Math.round(result.maxRssMiB)} MiB, ` +
      `first minute ${Math.round(result.rssFirstMinuteMiB)} MiB, last minute ${Math.round(result.rssLastMinuteMiB)} MiB, ` +
      `trend ${result.rssSlopeMiBPerMinute >= 0 ? '+' : ''}${result.rssSlopeMiBPerMinute.toFixed(1)} MiB/min; ` +
      `waits for a TOTP step ${pool.waits}\n${sessions}\n` +
      `targets: no errors ${result.errors === 0 ? '✓' : '✗'}; RSS < 256 MiB ` +
      `${result.maxRssMiB < 256 ? '✓' : '✗'}; growth trend: judge the RSS column and the slope above`,
  );
  if (options.asJson) {
    process.stdout.write(`${JSON.stringify({ header: options.header, ...result }, rounded, 2)}\n`);
  }
  return result;
}
