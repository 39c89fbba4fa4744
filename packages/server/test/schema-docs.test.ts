import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { buildGraphQLSchema } from '../src/wiring/schema';

describe('the schema as documentation for frontend teams', () => {
  it('describes every type, field, argument and input field', async () => {
    const schema = await buildGraphQLSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
      )
        continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) {
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type) && type.getValues().length === 0)
        missing.push(`${type.name} (no values)`);
    }
    expect(missing).toEqual([]);
  });
});
