import { randomUUID } from 'node:crypto';
import type { AuditAction } from '@twofold/shared';
import type { DataSource, EntityManager, QueryDeepPartialEntity } from 'typeorm';
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
    const event = manager.create(AuditEvent, {
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
    // one INSERT: an event is one row, written once (save() would wrap it in a transaction)
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEvent)
      .values(event as QueryDeepPartialEntity<AuditEvent>)
      .updateEntity(false)
      .execute();
    return event;
  }
}
