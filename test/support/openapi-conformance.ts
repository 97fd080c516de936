import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { HttpAnswer } from './http.js';

type Json = Record<string, any>;

const DOCUMENT_ID = 'openapi.json';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * An OpenAPI 3.0 schema object as JSON Schema for Ajv: `nullable` becomes a `null` alternative,
 * `$ref`s point into the document, and every object with `properties` is closed
 * (`additionalProperties: false` unless it says otherwise), so a field the API answers without
 * documenting it fails the check.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const source = schema as Json;
  const converted: Json = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') continue;
    if (key === '$ref') converted.$ref = String(value).replace(/^#\//, `${DOCUMENT_ID}#/`);
    else if (key === 'properties')
      converted.properties = Object.fromEntries(
        Object.entries(value as Json).map(([name, property]) => [name, toJsonSchema(property)]),
      );
    else if (['items', 'additionalProperties', 'not', 'allOf', 'oneOf', 'anyOf'].includes(key))
      converted[key] = toJsonSchema(value);
    else converted[key] = value;
  }
  if (source.type === 'object' && source.properties && source.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }
  if (source.nullable !== true) return converted;
  const composed = ['$ref', 'allOf', 'oneOf', 'anyOf'].some((key) => key in converted);
  if (typeof converted.type === 'string' && !composed) {
    converted.type = [converted.type, 'null'];
    if (Array.isArray(converted.enum)) converted.enum = [...converted.enum, null];
    return converted;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

/**
 * Checks answers of a running API against its OpenAPI document: the status must be documented for
 * the operation, the media type documented for that status, and the body valid against its schema.
 * Remembers which documented statuses were seen, so a test can require every one of them.
 */
export class OpenApiConformance {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly seen = new Map<string, Set<string>>();

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addFormat('int64', true).addFormat('int32', true);
    const schemas = Object.entries((document.components?.schemas ?? {}) as Json).map(([name, schema]) => [
      name,
      toJsonSchema(schema),
    ]);
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: Object.fromEntries(schemas) } });
  }

  /** Every documented operation as `method path`, e.g. `post /api/v1/restores`. */
  get operations(): string[] {
    return Object.entries(this.document.paths as Json).flatMap(([path, item]) =>
      Object.keys(item as Json)
        .filter((method) => ['get', 'put', 'post', 'delete', 'patch', 'head'].includes(method))
        .map((method) => `${method} ${path}`),
    );
  }

  /** The documented statuses of an operation. */
  statusesOf(key: string): string[] {
    return Object.keys(this.operation(key).responses ?? {});
  }

  /** A request body the test sends as valid must match the documented request schema. */
  checkRequestBody(key: string, body: unknown): void {
    const content = this.operation(key).requestBody?.content?.['application/json'];
    check(content, `${key} documents no JSON request body`);
    this.validate(`${key} request`, content.schema, body);
  }

  /** A body the API refuses with 400 must be one the document's schema refuses too. */
  checkRequestBodyRefused(key: string, body: unknown): void {
    const content = this.operation(key).requestBody?.content?.['application/json'];
    check(content, `${key} documents no JSON request body`);
    const valid = this.validator(content.schema)(body);
    check(
      !valid,
      `${key}: the document accepts a body the API refuses: ${JSON.stringify(body).slice(0, 800)}`,
    );
  }

  /**
   * One answer of `key` (for the concrete `path`): `expectedStatus` is what the test meant to
   * produce; any status, media type or body the document does not describe fails.
   */
  checkAnswer(key: string, path: string, answer: HttpAnswer, expectedStatus: number): void {
    const template = key.slice(key.indexOf(' ') + 1);
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}(\\?.*)?$`);
    check(pattern.test(path), `${path} is not an instance of ${template}`);
    const responses = this.operation(key).responses ?? {};
    const documented = responses[String(answer.status)];
    check(
      documented,
      `${key} answered ${answer.status}, which its document does not list (${Object.keys(responses).join(', ')}): ${answer.text.slice(0, 500)}`,
    );
    check(
      answer.status === expectedStatus,
      `${key} ${path} answered ${answer.status}, expected ${expectedStatus}: ${answer.text.slice(0, 500)}`,
    );
    if (!documented.content) {
      check(answer.text === '', `${key} ${answer.status} documents no body, answered: ${answer.text}`);
    } else {
      const mediaType = (answer.contentType ?? '').split(';')[0]!.trim();
      const content = documented.content[mediaType];
      check(
        content,
        `${key} ${answer.status} answered ${mediaType}, documented: ${Object.keys(documented.content).join(', ')}`,
      );
      const body = /[/+]json$/.test(mediaType) ? JSON.parse(answer.text) : answer.text;
      this.validate(`${key} ${answer.status}`, content.schema ?? {}, body);
    }
    const statuses = this.seen.get(key) ?? new Set<string>();
    statuses.add(String(answer.status));
    this.seen.set(key, statuses);
  }

  /** Documented `method path status` combinations no checked answer has shown yet. */
  unseen(): string[] {
    return this.operations.flatMap((key) =>
      this.statusesOf(key)
        .filter((status) => !this.seen.get(key)?.has(status))
        .map((status) => `${key} ${status}`),
    );
  }

  private operation(key: string): Json {
    const [method, path] = key.split(' ') as [string, string];
    const operation = this.document.paths?.[path]?.[method];
    check(operation, `${key} is not documented`);
    return operation;
  }

  private validator(schema: Json): ValidateFunction {
    const id = JSON.stringify(schema);
    let validator = this.validators.get(id);
    if (!validator) {
      validator = this.ajv.compile(toJsonSchema(schema) as Json);
      this.validators.set(id, validator);
    }
    return validator;
  }

  private validate(what: string, schema: Json, value: unknown): void {
    const validator = this.validator(schema);
    const valid = validator(value);
    check(
      valid,
      `${what} does not match the document: ${this.ajv.errorsText(validator.errors)}; body: ${JSON.stringify(value).slice(0, 800)}`,
    );
  }
}
