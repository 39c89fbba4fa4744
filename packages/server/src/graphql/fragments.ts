import { type DocumentNode, type FragmentDefinitionNode, Kind } from 'graphql';

/** A document's fragments by name, for the walks that follow spreads (cost, hashes, labels). */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return fragments;
}
