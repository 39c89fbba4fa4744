import {
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { fragmentsOf } from './fragments';

/**
 * Mutations that may run an expensive hash (argon2id of a password or a PIN). One request may
 * run at most one of them: aliases would otherwise multiply the CPU one request costs, since
 * right answers give their attempt limit back.
 */
const hashingMutations: ReadonlySet<string> = new Set([
  'signIn',
  'changePassword',
  'resetPassword',
  'acceptInvitation',
  'setPin',
  'changePin',
  // a current code of any method the profile holds, its PIN included
  'disableTwoFactor',
  'regenerateBackupCodes',
  'resetTwoFactor',
  'beginSmsEnrollment',
]);

/** verifySecondFactor hashes only a PIN; a code of an app, SMS or backup code is cheap. */
function verifiesPin(kind: ValueNode | undefined, variables: Record<string, unknown>): boolean {
  if (!kind) return true;
  if (kind.kind === Kind.ENUM) return kind.value === 'PIN';
  if (kind.kind === Kind.VARIABLE) {
    const value = variables[kind.name.value];
    // an unknown value fails coercion later; count it rather than guess
    return typeof value !== 'string' || value === 'PIN';
  }
  return true;
}

/**
 * The root fields of a mutation that may hash (aliases and fragments followed), in document
 * order; an operation with more than one is refused before anything runs.
 */
export function hashingFields(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): string[] {
  if (operation.operation !== OperationTypeNode.MUTATION) return [];
  const fragments = fragmentsOf(document);
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const kind = selection.arguments?.find((a) => a.name.value === 'kind')?.value;
        if (
          hashingMutations.has(name) ||
          (name === 'verifySecondFactor' && verifiesPin(kind, variables))
        ) {
          const key = selection.alias?.value ?? name;
          // one response key runs once, however often it is selected
          if (!found.includes(key)) found.push(key);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        // a fragment spread twice at the root runs its fields once (they merge)
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      }
    }
  };
  walk(operation.selectionSet);
  return found;
}
