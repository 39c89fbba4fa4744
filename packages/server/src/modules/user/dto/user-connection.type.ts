import { Connection } from '../../../graphql/connection';
import { User } from '../user.entity';

/** `UserConnection { nodes, pageInfo, totalCount }` (DESIGN §7). */
export const UserConnection = Connection(User, 'User');
export type UserConnection = InstanceType<typeof UserConnection>;
