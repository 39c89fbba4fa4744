import { randomUUID } from 'node:crypto';
import type { AuditAction } from '@twofold/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { insertRows } from '../../db/insert-rows';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  accountId: string | null;
  actorUserId?: string | null;
  actorIdentityId?: string | null;
  action: AuditAction;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  /** Never a secret, code, token or password. */
  details?: Record<string, unknown> | null;
}

export class AuditService {
  constructor(private readonly deps: { dataSource: DataSource }) {}

  /** Records an event; pass the transaction's manager so it commits or rolls back with the change. */
  async record(
    entry: AuditEntry,
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<AuditEvent> {
    const [event] = await this.recordMany([entry], manager);
    return event!;
  }

  /** Several events, one INSERT per 500 (insertRows) (e.g. the profiles of one `createUsers`). */
  async recordMany(
    entries: readonly AuditEntry[],
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<AuditEvent[]> {
    const events = entries.map((entry) => this.eventOf(entry, manager));
    await insertRows(manager, AuditEvent, events);
    return events;
  }

  private eventOf(entry: AuditEntry, manager: EntityManager): AuditEvent {
    return manager.create(AuditEvent, {
      id: randomUUID(),
      accountId: entry.accountId,
      actorUserId: entry.actorUserId ?? null,
      actorIdentityId: entry.actorIdentityId ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? null,
      createdAt: new Date(),
    });
  }
}
