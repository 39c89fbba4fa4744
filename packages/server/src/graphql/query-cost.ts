import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLField,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { fragmentsOf } from './fragments';

/**
 * What a document may cost before anything runs. A field costs 1 and expensive ones more; a list
 * multiplies what is selected in each item, so the cost grows with the list and with every alias
 * asking for it again. Validation sees no variable values, so sizes are upper bounds: a page of
 * `first: $n` counts as the largest page.
 */
export interface CostModel {
  maxCost: number;
  /** Items assumed of a list that takes no page size (e.g. `apps`, `User.apps`). */
  assumedListSize: number;
  /** Items of a page whose `first` is a variable: the largest page the API answers. */
  largestPage: number;
  /** Fields that cost more than 1 to resolve, as `Type.field`. */
  fieldCosts: Readonly<Record<string, number>>;
}

/** Page size arguments: a connection's list fields hold at most this many items. */
const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

interface Walk {
  schema: GraphQLSchema;
  model: CostModel;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Fragment costs by name and page size, so a fragment spread many times is walked once. */
  fragmentCosts: Map<string, number>;
  /** Fragments being walked: a cycle (refused by another rule) costs nothing more here. */
  walking: Set<string>;
}

/** The page size a field asks for: its `first`, else that argument's default; null if none. */
function pageSizeOf(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  model: CostModel,
): number | null {
  const argument = field.arguments?.find((a) => PAGE_SIZE_ARGUMENTS.includes(a.name.value));
  if (argument) return sizeOf(argument.value, model);
  const declared = definition.args.find((a) => PAGE_SIZE_ARGUMENTS.includes(a.name));
  if (declared === undefined) return null;
  return typeof declared.defaultValue === 'number' ? declared.defaultValue : model.largestPage;
}

function sizeOf(value: ValueNode, model: CostModel): number {
  if (value.kind === Kind.INT) return Math.max(0, Number.parseInt(value.value, 10));
  // a variable (or a mistyped literal, which validation refuses anyway): the largest page
  return model.largestPage;
}

/**
 * The cost of a selection set on `parentType`. `pageSize`: the page size of the field that owns
 * this selection set, if it took one — the connection's list fields hold that many items.
 */
function selectionSetCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType,
  pageSize: number | null,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        cost += fieldCost(walk, selection, parentType, pageSize);
        break;
      case Kind.INLINE_FRAGMENT: {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? walk.schema.getType(typeName) : parentType;
        if (type) cost += selectionSetCost(walk, selection.selectionSet, type, pageSize);
        break;
      }
      case Kind.FRAGMENT_SPREAD:
        cost += fragmentCost(walk, selection.name.value, pageSize);
        break;
    }
  }
  return cost;
}

function fragmentCost(walk: Walk, name: string, pageSize: number | null): number {
  const key = `${name}/${pageSize ?? ''}`;
  const known = walk.fragmentCosts.get(key);
  if (known !== undefined) return known;
  const fragment = walk.fragments.get(name);
  const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  if (!fragment || !type || walk.walking.has(name)) return 0;
  walk.walking.add(name);
  const cost = selectionSetCost(walk, fragment.selectionSet, type, pageSize);
  walk.walking.delete(name);
  walk.fragmentCosts.set(key, cost);
  return cost;
}

function fieldCost(
  walk: Walk,
  field: FieldNode,
  parentType: GraphQLNamedType,
  parentPageSize: number | null,
): number {
  const name = field.name.value;
  // introspection is switched off in production, and __typename is answered without a resolver
  if (name.startsWith('__')) return 0;
  if (!isObjectType(parentType) && !isInterfaceType(parentType)) return 0;
  const definition = parentType.getFields()[name];
  if (!definition) return 0; // an unknown field: another rule refuses it
  const own = walk.model.fieldCosts[`${parentType.name}.${name}`] ?? 1;
  const type = getNamedType(definition.type);
  if (!field.selectionSet || isLeafType(type) || !isCompositeType(type)) return own;
  const pageSize = pageSizeOf(field, definition, walk.model);
  if (isListType(getNullableType(definition.type))) {
    const items = pageSize ?? parentPageSize ?? walk.model.assumedListSize;
    return own + items * selectionSetCost(walk, field.selectionSet, type, null);
  }
  // a connection: its page size bounds its lists (`nodes`), not its other fields
  return own + selectionSetCost(walk, field.selectionSet, type, pageSize);
}

/** The cost of one operation of `document` under `model` (pure: no variables, no execution). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  model: CostModel,
): number {
  const fragments = fragmentsOf(document);
  const root = schema.getRootType(operation.operation);
  if (!root) return 0; // refused by the rule on operation types
  const walk: Walk = { schema, model, fragments, fragmentCosts: new Map(), walking: new Set() };
  return selectionSetCost(walk, operation.selectionSet, root, null);
}

/**
 * Refuses every operation of a document costing more than `model.maxCost`: a validation error,
 * so the request answers 400 GRAPHQL_VALIDATION_FAILED before any resolver runs.
 */
export function costLimitRule(model: CostModel): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context.getSchema(), context.getDocument(), operation, model);
      if (cost > model.maxCost) {
        context.reportError(
          new GraphQLError(
            `This query may cost ${cost}, over the limit of ${model.maxCost}: ask for fewer items (a smaller \`first\`) or fewer fields and aliases.`,
            { nodes: operation },
          ),
        );
      }
    },
  });
}
