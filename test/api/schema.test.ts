import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  buildSchema,
  extendSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  printType,
  visit,
} from 'graphql';
import { PROJECT_ROOT } from '../../src/config';
import { buildApiSchema } from '../../src/graphql/build-schema';
import { printApiSchema } from '../../src/graphql/print-schema';
import { readShared } from '../support/shared-dir';

describe('the schema', () => {
  const schema = buildApiSchema();

  it('matches the committed schema/schema.graphql (run `npm run schema` after changing a type)', () => {
    const committed = readFileSync(join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8');
    expect(committed).toBe(printApiSchema(schema));
  });

  it('round-trips: the committed SDL builds a schema that prints the same', () => {
    const committed = readFileSync(join(PROJECT_ROOT, 'schema', 'schema.graphql'), 'utf8');
    expect(printSchema(lexicographicSortSchema(buildSchema(committed)))).toBe(printSchema(lexicographicSortSchema(schema)));
  });

  it('describes every type, field, argument and enum value', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('keeps every type, field, argument and default of the read contract and of "The answer" in API.md', () => {
    const apiDoc = readShared('docs', 'API.md');
    // The core contract, extended by the sections this build implements (their `extend`s need the core).
    const implemented = ['## The answer'];
    const blocks = [
      /```graphql\n([^]*?)```/.exec(apiDoc)![1],
      ...implemented.map((heading) => new RegExp(`${heading}[^\n]*\n[^]*?\`\`\`graphql\n([^]*?)\`\`\``).exec(apiDoc)![1]),
    ];
    // A section may use a type an earlier issue added without putting it in API.md (DisableInput): take ours.
    const core = buildSchema(blocks[0]);
    const extension = parse(blocks.slice(1).join('\n'));
    const defined = new Set(extension.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])));
    const borrowed = new Set<string>();
    visit(extension, {
      NamedType: (node) => {
        if (!core.getType(node.name.value) && !defined.has(node.name.value)) borrowed.add(node.name.value);
      },
    });
    const contract = extendSchema(
      core,
      parse([...[...borrowed].map((name) => printType(schema.getType(name)!)), print(extension)].join('\n')),
    );
    const broken: string[] = [];
    for (const type of Object.values(contract.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const ours = schema.getType(type.name);
      if (!ours) {
        broken.push(`missing type ${type.name}`);
        continue;
      }
      if (isEnumType(type)) {
        const values = isEnumType(ours) ? ours.getValues().map((v) => v.name) : [];
        for (const v of type.getValues()) if (!values.includes(v.name)) broken.push(`missing ${type.name}.${v.name}`);
      }
      if (!(isObjectType(type) || isInputObjectType(type))) continue;
      const fields = isObjectType(ours) || isInputObjectType(ours) ? ours.getFields() : {};
      for (const field of Object.values(type.getFields())) {
        const mine = fields[field.name];
        const at = `${type.name}.${field.name}`;
        if (!mine) broken.push(`missing ${at}`);
        else if (String(mine.type) !== String(field.type))
          broken.push(`${at} is ${String(mine.type)}, contract says ${String(field.type)}`);
        else if ('defaultValue' in field && !isDeepStrictEqual((mine as typeof field).defaultValue, field.defaultValue))
          broken.push(`${at} default differs`);
        for (const arg of 'args' in field ? field.args : []) {
          const myArg = mine && 'args' in mine ? mine.args.find((a) => a.name === arg.name) : undefined;
          if (!myArg) broken.push(`missing ${at}(${arg.name})`);
          // Adding a default where the contract has none keeps every existing query valid.
          else if (
            String(myArg.type) !== String(arg.type) ||
            (arg.defaultValue !== undefined && !isDeepStrictEqual(myArg.defaultValue, arg.defaultValue))
          ) {
            broken.push(
              `${at}(${arg.name}) is ${String(myArg.type)} = ${JSON.stringify(myArg.defaultValue)}, contract says ${String(arg.type)} = ${JSON.stringify(arg.defaultValue)}`,
            );
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
