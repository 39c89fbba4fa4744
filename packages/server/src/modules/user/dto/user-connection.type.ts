import { Connection } from '../../../graphql/connection';
import { User } from '../user.entity';

/** `UserConnection { nodes, pageInfo, totalCount }` (docs/design.md, GraphQL contract). */
export const UserConnection = Connection(User, 'User');
export type UserConnection = InstanceType<typeof UserConnection>;
