import 'reflect-metadata';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { buildSchema, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { buildGraphQLSchema } from '../src/wiring/schema';
import { guardOf, Public } from '../src/graphql/access';
import { applyGuards } from '../src/wiring/guard';

/** Every `Type.field` of the schema that no guard rule covers. */
function unguardedFields(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ].includes(type);
    for (const field of Object.values(type.getFields())) {
      // root operations must declare their own rule; object fields may take their type's
      const rule = root ? field.extensions.guard : guardOf(type, field);
      if (!rule) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}

describe('the stage and permission guard', () => {
  it('covers every operation and every field of the schema', async () => {
    const schema = await buildGraphQLSchema();
    expect(unguardedFields(schema)).toEqual([]);
    // and the walk really looked at the operations
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['session', 'viewer']),
    );
  });

  it('detects an operation that declares nothing', async () => {
    @ObjectType()
    class Leaky {
      @Field()
      secret: string;
    }
    @Resolver()
    class LeakyResolver {
      @Query(() => Leaky)
      leaky(): Leaky {
        return { secret: 'x' };
      }
      @Query(() => String)
      @Public()
      fine(): string {
        return 'ok';
      }
    }
    const schema = await buildSchema({ resolvers: [LeakyResolver] });
    expect(unguardedFields(schema).sort()).toEqual(['Leaky.secret', 'Query.leaky']);
    // and the server refuses to start with it
    expect(() => applyGuards(schema)).toThrow(
      /^fields without a guard rule: (Query\.leaky, Leaky\.secret|Leaky\.secret, Query\.leaky)$/,
    );
  });
});
