import { type FieldNode, type FragmentDefinitionNode, Kind, parse } from 'graphql';
import { selectsField } from './selects-field';

/** The info of the first root field of `document`. */
function infoOf(document: string) {
  const parsed = parse(document);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  let root: FieldNode | undefined;
  for (const definition of parsed.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      root = definition.selectionSet.selections[0] as FieldNode;
    }
  }
  return { fieldNodes: [root!], fragments };
}

describe('selectsField', () => {
  it.each([
    ['{ users { totalCount } }', true],
    ['{ users { nodes { id } } }', false],
    ['{ users { nodes { totalCount: id } } }', false],
    ['{ users { ... on UserConnection { totalCount } } }', true],
    [
      '{ users { ...Page } } fragment Page on UserConnection { pageInfo { hasNextPage } totalCount }',
      true,
    ],
    ['{ users { ...Page } } fragment Page on UserConnection { nodes { id } }', false],
    ['{ users { count: totalCount } }', true],
    ['{ users { totalCount @include(if: false) } }', true],
  ])('%s → %j', (document, selected) => {
    expect(selectsField(infoOf(document), 'totalCount')).toBe(selected);
  });
});
