import type { DataSource, EntityManager } from 'typeorm';
import type { Secrets } from '../../../crypto/keys';
import type { AuditService } from '../../audit/audit.service';
import { auditOwnProfile, type Caller, type RequestMeta, requireProfile } from '../../auth/caller';
import type { CodeCheckService } from '../code-check.service';
import { BackupCode } from '../two-factor.entities';
import {
  BACKUP_CODE_COUNT,
  generateBackupCodes,
  hashBackupCode,
  normalizeBackupCode,
} from './backup-codes';

/** Backup codes (docs/design.md, Second-factor rules): ten single-use codes, stored hashed, shown once. */
export class BackupCodeService {
  constructor(
    private readonly deps: {
      dataSource: DataSource;
      secrets: Secrets;
      audit: AuditService;
      codes: CodeCheckService;
    },
  ) {}

  /** Deletes the profile's codes and stores ten new ones (hashed); returns them for display. */
  async replace(manager: EntityManager, userId: string, now: Date): Promise<string[]> {
    const codes = generateBackupCodes(BACKUP_CODE_COUNT);
    const pepper = this.deps.secrets.backupCodePepper;
    await manager.delete(BackupCode, { userId });
    await manager.insert(
      BackupCode,
      codes.map((shown) =>
        manager.create(BackupCode, {
          userId,
          codeHash: hashBackupCode(normalizeBackupCode(shown) ?? '', pepper),
          usedAt: null,
          createdAt: now,
        }),
      ),
    );
    return codes;
  }

  /** Voids every backup code and returns ten new ones; needs a current code of any method. */
  async regenerate(
    caller: Caller,
    code: string,
    meta: RequestMeta,
    now = new Date(),
  ): Promise<string[]> {
    const user = requireProfile(caller);
    const { codes, dataSource, audit } = this.deps;
    await codes.checkCurrentCode(caller, code, now);
    return dataSource.transaction(async (manager) => {
      const fresh = await this.replace(manager, user.id, now);
      await audit.record(
        { ...auditOwnProfile(caller, meta), action: 'two_factor.backup_codes_regenerated' },
        manager,
      );
      return fresh;
    });
  }
}
