import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import { type GuardRule, guardOf } from '../graphql/access';
import { checkRule } from '../graphql/check-rule';
import type { Context } from '../graphql/context';
import { settleCallerChange } from '../graphql/caller-seam';

type Resolver = GraphQLFieldResolver<unknown, Context>;

/** `resolve` behind the rule: synchronous once the request's caller is known. */
function guarded(rule: Extract<GuardRule, { kind: 'session' }>, resolve: Resolver): Resolver {
  return (root, args, context, info) => {
    const known = context.knownCaller();
    if (known !== undefined) {
      checkRule(rule, known);
      return resolve(root, args, context, info);
    }
    return context.caller().then((caller) => {
      checkRule(rule, caller);
      return resolve(root, args, context, info);
    });
  };
}

/**
 * The one guard (docs/design.md, Permissions): every field of the schema declares a rule (access.ts), and this
 * wraps the resolver of every field whose rule needs a session. A field without a rule stops the
 * server from starting — an undeclared field is a bug, never an open door. Fields readable by
 * whoever obtained their parent keep their plain resolver, so a list of a thousand nodes costs
 * no check per scalar. Root operations also pass through the caller seam (caller-seam.ts).
 */
export function applyGuards(schema: GraphQLSchema): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = roots.includes(type);
    for (const field of Object.values(type.getFields())) {
      // root operations must declare their own rule; object fields may take their type's
      const rule = (root ? field.extensions.guard : guardOf(type, field)) as GuardRule | undefined;
      if (!rule) {
        missing.push(`${type.name}.${field.name}`);
        continue;
      }
      let resolve = (field.resolve ?? defaultFieldResolver) as Resolver;
      if (rule.kind === 'session') resolve = guarded(rule, resolve);
      if (root) resolve = settleCallerChange(resolve);
      field.resolve = resolve;
    }
  }
  if (missing.length > 0) throw new Error(`fields without a guard rule: ${missing.join(', ')}`);
  return schema;
}
