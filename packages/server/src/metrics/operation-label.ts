import { consoleOperations } from '@twofold/shared';
import { fragmentsOf } from '../graphql/fragments';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The `operation` label of a /graphql request that ran no operation: a batch, unparsable, invalid or refused. */
export const INVALID = 'invalid';
/** …of an operation the server cannot name from a closed set: several root fields, or none known. */
export const OTHER = 'other';

/** The fields every root type answers besides its own (introspection). */
const metaFields = new Set(['__typename', '__schema', '__type']);

const consoleNames = new Map<string, string>(Object.entries(consoleOperations));

/**
 * The `operation` label of a GraphQL operation, from a set fixed by the console and the schema:
 * any client may name its operations anything, and each distinct label value is a time series
 * kept until the next restart, so a client's own names never become labels.
 *
 * - an operation the console sends, by its name (`Session`, `SignIn`), when its type matches;
 * - else the one root field it selects, by type: `query:users`, `mutation:signIn`,
 *   `query:__typename` (aliases of one field are still one field);
 * - else (several root fields, none the schema knows) `other`.
 */
export function operationLabel(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  schema: GraphQLSchema,
): string {
  const name = operation.name?.value;
  if (name !== undefined && consoleNames.get(name) === operation.operation) return name;

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return OTHER;
  const fragments = fragmentsOf(document);
  const fields = new Set<string>();
  collectRootFields(operation.selectionSet, fragments, fields, new Set());
  const [field, ...more] = fields;
  if (field === undefined || more.length > 0) return OTHER;
  // validation ran before, but the label set must not depend on it: only the schema's names
  const known = metaFields.has(field) || Object.hasOwn(rootType.getFields(), field);
  return known ? `${operation.operation}:${field}` : OTHER;
}

/** The names (not aliases) of the fields a root selection set asks for, through its fragments. */
function collectRootFields(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  fields: Set<string>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      fields.add(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(selection.selectionSet, fragments, fields, visited);
    } else {
      const spread = selection.name.value;
      const fragment = fragments.get(spread);
      if (fragment === undefined || visited.has(spread)) continue;
      visited.add(spread);
      collectRootFields(fragment.selectionSet, fragments, fields, visited);
    }
  }
}
