import { UserType } from '@twofold/shared';
import type { DataSource } from 'typeorm';
import { SecurityPolicy } from './security-policy.entity';

const typeOrder = Object.values(UserType);

export class PolicyService {
  constructor(private readonly dataSource: DataSource) {}

  /** The account's four policies, in user-type order. */
  async list(accountId: string): Promise<SecurityPolicy[]> {
    const rows = await this.dataSource.getRepository(SecurityPolicy).findBy({ accountId });
    return rows.sort((a, b) => typeOrder.indexOf(a.userType) - typeOrder.indexOf(b.userType));
  }
}
