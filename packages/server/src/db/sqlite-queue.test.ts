import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { Account } from '../modules/account/account.entity';
import { createDataSource } from '../wiring/data-source';
import { runMigrations } from './migrate';
import { SqliteQueue, sqliteQueueOf } from './sqlite-queue';

/** The embedded default exactly as the server opens it, on a temporary file. */
describe('the SQLite write queue', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'twofold-queue-'));
    dataSource = createDataSource({ type: 'sqlite', path: path.join(dir, 'q.sqlite') });
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const accounts = () => dataSource.getRepository(Account);
  const account = (slug: string) =>
    accounts().create({
      name: slug,
      slug,
      logoUrl: null,
      allowedSmsCountries: [],
      createdAt: new Date(),
    });

  it('keeps a lone write that ran while another request’s transaction awaited, then rolled back', async () => {
    let inserted!: () => void;
    const insertedInside = new Promise<void>((resolve) => (inserted = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const failing = dataSource.transaction(async (manager) => {
      await manager.insert(Account, account('rolled-back'));
      inserted();
      await released; // e.g. a hash or a mail inside the transaction
      throw new Error('changed its mind');
    });
    // the transaction holds its write and awaits: another request's lone write arrives now
    await insertedInside;
    const lone = accounts().insert(account('acknowledged'));
    // the lone write waits in the queue behind the transaction before it rolls back
    const queue = sqliteQueueOf(dataSource)!;
    while (queue.waiting === 0) await new Promise((resolve) => setImmediate(resolve));
    release();
    await expect(failing).rejects.toThrow('changed its mind');
    await lone;
    expect(await accounts().existsBy({ slug: 'acknowledged' })).toBe(true);
    expect(await accounts().existsBy({ slug: 'rolled-back' })).toBe(false);
  });

  it('runs transactions started together one after the other, all committed', async () => {
    const slugs = Array.from({ length: 10 }, (_, i) => `together-${i}`);
    await Promise.all(
      slugs.map((slug) =>
        dataSource.transaction(async (manager) => {
          await manager.insert(Account, account(slug));
          // yield mid-transaction, as a request awaiting something would
          await new Promise((resolve) => setImmediate(resolve));
          await manager.update(Account, { slug }, { name: `${slug}!` });
        }),
      ),
    );
    const rows = await accounts().findBy(slugs.map((slug) => ({ slug })));
    expect(rows.map((r) => r.name).sort()).toEqual(slugs.map((s) => `${s}!`).sort());
  });

  it('lets a transaction reach the database through the DataSource without waiting on itself', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.insert(Account, account('inside'));
      // a service that uses the DataSource instead of the manager still sees its own write
      expect(await accounts().existsBy({ slug: 'inside' })).toBe(true);
      await accounts().save(account('saved-inside'));
    });
    expect(await accounts().countBy([{ slug: 'inside' }, { slug: 'saved-inside' }])).toBe(2);
  });

  it('never shows another request a write its transaction later rolls back', async () => {
    let inserted!: () => void;
    const insertedInside = new Promise<void>((resolve) => (inserted = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const open = dataSource.transaction(async (manager) => {
      await manager.insert(Account, account('dirty'));
      inserted();
      await released;
      throw new Error('rolled back');
    });
    await insertedInside;
    // the read waits for the rollback instead of reading the open transaction's row
    const seen = accounts().existsBy({ slug: 'dirty' });
    const queue = sqliteQueueOf(dataSource)!;
    while (queue.waiting === 0) await new Promise((resolve) => setImmediate(resolve));
    release();
    const seenMeanwhile = await seen;
    await expect(open).rejects.toThrow('rolled back');
    expect(seenMeanwhile).toBe(false);
  });

  it('fails a statement that cannot get its turn in time with UNAVAILABLE, and never runs it', async () => {
    const queue = new SqliteQueue(50);
    let release: () => void = () => undefined;
    const stuck = queue.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    let ran = false;
    const waiting = queue.exclusive(async () => {
      ran = true;
    });
    await expect(waiting).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    release();
    await stuck;
    await queue.exclusive(async () => undefined);
    expect(ran).toBe(false);
  });
});
