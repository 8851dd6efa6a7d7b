/**
 * Request validation. Query strings and path parameters arrive as text, so they are coerced to
 * the schema's types (`?limit=50` → 50); JSON bodies are not: `"delta": "-1"` or `"note": 42` is a
 * type error reported to the client, not silently converted. Unknown fields are errors everywhere.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

type AddFormats = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ removeAdditional: false, useDefaults: true, coerceTypes, allErrors: false, strict: false });
  addFormats(ajv);
  return ajv;
}

/**
 * Where the first string containing NUL is (a JSON pointer), or null. NUL is never meaningful
 * input and PostgreSQL text columns cannot store it, so it is bad input everywhere. Iterative:
 * the body may be nested as deep as the body limit allows.
 */
export function nulPointer(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return at;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}/${i}`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) return `${at}/${k}`;
        stack.push([x, `${at}/${k}`]);
      }
    }
  }
  return null;
}

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const coercing = makeAjv('array');
  return ({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? strict : coercing).compile(schema as object);
    const guarded: ReturnType<FastifySchemaCompiler<unknown>> = (data: unknown) => {
      const at = nulPointer(data);
      if (at !== null) {
        guarded.errors = [{ instancePath: at, schemaPath: '#', keyword: 'nul', params: {}, message: 'must not contain NUL characters' }];
        return false;
      }
      const ok = validate(data) as boolean;
      guarded.errors = validate.errors as FastifySchemaValidationError[] | null | undefined;
      return ok;
    };
    return guarded;
  };
}
