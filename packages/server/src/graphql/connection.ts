import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import type { Page } from '../db/paging';
import { Inherit } from './access';

@ObjectType({ description: 'Where a page ends and whether another follows.' })
@Inherit()
export class PageInfo {
  @Field({ description: 'True when `after: endCursor` returns more nodes.' })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Opaque cursor of the last node; pass it as `after`.',
  })
  endCursor: string | null;
}

/** `UserConnection`, `AuditEventConnection`, …: the same shape for every list (docs/design.md, GraphQL contract). */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Connection`, { description: `A page of ${name} nodes.` })
  @Inherit()
  class ConnectionType implements Page<T> {
    @Field(() => [node], { description: 'The nodes of this page, in list order.' })
    nodes: T[];

    @Field(() => PageInfo, { description: 'How to fetch the next page.' })
    pageInfo: PageInfo;

    @Field(() => Int, {
      description:
        'Nodes matching the filter, over all pages, counted up to 10,000: past that it is 10,000 ' +
        'and `totalCountIsLowerBound` is true (show “10,000+”). Counted only when selected.',
    })
    // null only when not selected, so never sent
    totalCount: number | null;

    @Field({
      description:
        'True when `totalCount` stopped counting at 10,000: at least that many nodes match.',
    })
    totalCountIsLowerBound: boolean;
  }
  return ConnectionType;
}
