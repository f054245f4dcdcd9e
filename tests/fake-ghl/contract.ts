/**
 * The OpenAPI contract (openapi-tags-subset.json, the official document's subset): which
 * operation a request is for, and what is wrong with it. Requests that break it are the
 * extension's bugs, so the fake records them and tests assert there are none.
 *
 * Stricter than OpenAPI's defaults on purpose, because each is a likely client bug:
 * unknown top-level body properties, unknown query parameters, a body where none is expected,
 * and `removeAllTags` on a bulk *add* (the document says it only goes with remove).
 * POST /contacts/search has an empty schema in the document; the body shape comes from
 * ghl-api/README.md instead.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type SchemaObject, type ValidateFunction } from 'ajv';

interface OpenApiParameter {
  name: string;
  in: 'path' | 'header' | 'query' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

interface OpenApiMediaType {
  schema?: SchemaObject;
}

interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, OpenApiMediaType> };
  responses?: Record<string, { content?: Record<string, OpenApiMediaType> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, SchemaObject> };
}

export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; text: string };

export interface OperationMatch {
  operationId: string;
  method: string;
  /** The document's path, e.g. `/contacts/{contactId}/tags`. */
  template: string;
  params: Record<string, string>;
}

export interface RequestToCheck {
  /** Header names lowercased. */
  headers: Record<string, string>;
  query: Record<string, string>;
  body: ParsedBody;
}

/** In the document, but a tag tool must never call them. */
const FORBIDDEN_OPERATIONS: Record<string, string> = {
  'update-contact':
    "PUT /contacts/{contactId} must not be used by this product: it overwrites all of a contact's tags",
  'delete-contact':
    'DELETE /contacts/{contactId} must not be used by this product: it deletes the contact',
};

/** ghl-api/README.md: the body the vendor's white-label docs give for POST /contacts/search. */
const SEARCH_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    locationId: { type: 'string', minLength: 1 },
    page: { type: 'integer', minimum: 1 },
    pageLimit: { type: 'integer', minimum: 1, maximum: 500 },
    query: { type: 'string' },
  },
  required: ['locationId'],
  additionalProperties: false,
};

/**
 * The document types the bulk answer's `responses` as strings, but its own example and the real
 * service answer objects (ghl-api/README.md); the fake answers objects, so its self-check does too.
 */
const BULK_ANSWER_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    succeded: { type: 'boolean' },
    errorCount: { type: 'number' },
    responses: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          contactId: { type: 'string' },
          message: { type: 'string' },
          type: { enum: ['success', 'error'] },
          oldTags: { type: 'array', items: { type: 'string' } },
          tagsAdded: { type: 'array', items: { type: 'string' } },
          tagsRemoved: { type: 'array', items: { type: 'string' } },
        },
        required: ['contactId', 'message', 'type'],
      },
    },
  },
  required: ['succeded', 'errorCount', 'responses'],
};

const DOCUMENT_ID = 'openapi';
const COMPONENT_REF_PREFIX = '#/components/schemas/';

function isOpenApiDocument(value: unknown): value is OpenApiDocument {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof OpenApiDocument, unknown>>;
  return typeof candidate.paths === 'object' && typeof candidate.components === 'object';
}

function loadDocument(): OpenApiDocument {
  const text = readFileSync(new URL('./openapi-tags-subset.json', import.meta.url), 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (!isOpenApiDocument(parsed))
    throw new Error('fake-ghl: openapi-tags-subset.json is not an OpenAPI document');
  return parsed;
}

function describeError(where: string, error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown }).allowedValues;
  const suffix = Array.isArray(allowed) ? ` (${allowed.join(', ')})` : '';
  return `${where}${error.instancePath} ${error.message ?? 'is invalid'}${suffix}`;
}

function mediaTypes(headerValue: string | undefined): string[] {
  return (headerValue ?? '')
    .split(',')
    .map((part) => (part.split(';')[0] ?? '').trim().toLowerCase())
    .filter((part) => part !== '');
}

interface PathTemplate {
  template: string;
  segments: string[];
  literalCount: number;
}

export class Contract {
  private readonly document: OpenApiDocument;
  private readonly ajv: Ajv;
  private readonly templates: PathTemplate[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    this.document = loadDocument();
    // strict off: the document carries OpenAPI-only keywords (`example`, `nullable`) ajv would reject.
    this.ajv = new Ajv({ strict: false, allErrors: true });
    this.ajv.addSchema(this.document as unknown as SchemaObject, DOCUMENT_ID);
    this.templates = Object.keys(this.document.paths).map((template) => {
      const segments = template.split('/').slice(1);
      return {
        template,
        segments,
        literalCount: segments.filter((segment) => !segment.startsWith('{')).length,
      };
    });
  }

  /** The operation for a method and path; literal segments win over parameters (`/contacts/search`). */
  match(method: string, path: string): OperationMatch | undefined {
    const lowerMethod = method.toLowerCase();
    const pathSegments = path.split('/').slice(1);
    let best: { match: OperationMatch; literalCount: number } | undefined;
    for (const candidate of this.templates) {
      const operation = this.document.paths[candidate.template]?.[lowerMethod];
      if (!operation || candidate.segments.length !== pathSegments.length) continue;
      const params = this.bindParams(candidate.segments, pathSegments);
      if (!params) continue;
      if (best && best.literalCount >= candidate.literalCount) continue;
      best = {
        literalCount: candidate.literalCount,
        match: {
          operationId: operation.operationId,
          method: method.toUpperCase(),
          template: candidate.template,
          params,
        },
      };
    }
    return best?.match;
  }

  private bindParams(
    templateSegments: string[],
    pathSegments: string[],
  ): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    for (const [index, segment] of templateSegments.entries()) {
      const actual = pathSegments[index] ?? '';
      if (segment.startsWith('{')) {
        if (actual === '') return undefined;
        try {
          params[segment.slice(1, -1)] = decodeURIComponent(actual);
        } catch {
          return undefined;
        }
      } else if (segment !== actual) {
        return undefined;
      }
    }
    return params;
  }

  private operation(match: OperationMatch): OpenApiOperation {
    const operation = this.document.paths[match.template]?.[match.method.toLowerCase()];
    if (!operation) throw new Error(`fake-ghl: no operation for ${match.method} ${match.template}`);
    return operation;
  }

  private validator(key: string, schema: SchemaObject): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Rewrites the document's local refs so ajv resolves them inside the registered document. */
  private resolvable(schema: SchemaObject): SchemaObject {
    const ref: unknown = schema.$ref;
    return typeof ref === 'string' && ref.startsWith('#/')
      ? { $ref: `${DOCUMENT_ID}${ref}` }
      : schema;
  }

  private topLevelProperties(schema: SchemaObject): string[] | undefined {
    const rawRef: unknown = schema.$ref;
    // Accept both the document's own refs and the rewritten `openapi#/...` ones.
    const ref = typeof rawRef === 'string' ? rawRef.replace(/^openapi#/, '#') : undefined;
    const target = ref?.startsWith(COMPONENT_REF_PREFIX)
      ? this.document.components.schemas[ref.slice(COMPONENT_REF_PREFIX.length)]
      : schema;
    const properties: unknown = target?.properties;
    if (typeof properties !== 'object' || properties === null) return undefined;
    const names = Object.keys(properties);
    return names.length > 0 ? names : undefined;
  }

  private bodySchema(match: OperationMatch, operation: OpenApiOperation): SchemaObject | undefined {
    if (match.operationId === 'search-contacts-advanced') return SEARCH_BODY_SCHEMA;
    const schema = operation.requestBody?.content?.['application/json']?.schema;
    return schema && this.resolvable(schema);
  }

  /** Everything wrong with a request for the matched operation; empty when it keeps the contract. */
  check(match: OperationMatch, request: RequestToCheck): string[] {
    const operation = this.operation(match);
    const problems: string[] = [];
    const forbidden = FORBIDDEN_OPERATIONS[match.operationId];
    if (forbidden) problems.push(forbidden);

    if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
      problems.push('header Authorization must be "Bearer <token>"');
    }
    if (!mediaTypes(request.headers.accept).includes('application/json')) {
      problems.push('header Accept must be application/json');
    }

    const parameters = operation.parameters ?? [];
    for (const parameter of parameters) {
      const key = `${match.operationId} ${parameter.in} ${parameter.name}`;
      const value =
        parameter.in === 'path'
          ? match.params[parameter.name]
          : parameter.in === 'header'
            ? request.headers[parameter.name.toLowerCase()]
            : parameter.in === 'query'
              ? request.query[parameter.name]
              : undefined;
      const where = `${parameter.in === 'path' ? 'path parameter' : parameter.in} ${parameter.name}`;
      if (value === undefined) {
        if (parameter.required) problems.push(`${where} is required`);
        continue;
      }
      if (!parameter.schema) continue;
      const validate = this.validator(key, parameter.schema);
      if (!validate(value)) {
        for (const error of validate.errors ?? []) problems.push(describeError(where, error));
      }
    }

    const knownQuery = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of Object.keys(request.query)) {
      if (!knownQuery.has(name)) problems.push(`query parameter ${name} is not in the contract`);
    }

    problems.push(...this.bodyProblems(match, operation, request));
    return problems;
  }

  private bodyProblems(
    match: OperationMatch,
    operation: OpenApiOperation,
    request: RequestToCheck,
  ): string[] {
    const schema = this.bodySchema(match, operation);
    const { body } = request;
    if (!schema) {
      return body.kind === 'none' ? [] : [`${match.method} ${match.template} takes no body`];
    }
    if (body.kind === 'none') {
      return operation.requestBody?.required ? ['a JSON body is required'] : [];
    }
    const problems: string[] = [];
    if (!mediaTypes(request.headers['content-type']).includes('application/json')) {
      problems.push('header Content-Type must be application/json');
    }
    if (body.kind === 'invalid') return [...problems, 'body is not valid JSON'];

    const validate = this.validator(`${match.operationId} body`, schema);
    if (!validate(body.value)) {
      for (const error of validate.errors ?? []) problems.push(describeError('body', error));
    }
    const known = this.topLevelProperties(schema);
    if (
      known &&
      typeof body.value === 'object' &&
      body.value !== null &&
      !Array.isArray(body.value)
    ) {
      for (const name of Object.keys(body.value)) {
        if (!known.includes(name)) problems.push(`body property ${name} is not in the contract`);
      }
      if (match.params.type === 'add' && 'removeAllTags' in body.value) {
        problems.push('body property removeAllTags can only be used with remove');
      }
    }
    return problems;
  }

  /**
   * What is wrong with an answer the fake gives, against the document's response schema for that
   * status (none when the document has no schema for it). For the fake's own tests.
   */
  answerProblems(operationId: string, status: number, body: unknown): string[] {
    let schema: SchemaObject | undefined;
    if (operationId === 'create-association' && status === 201) {
      schema = BULK_ANSWER_SCHEMA;
    } else {
      const operation = Object.values(this.document.paths)
        .flatMap((operations) => Object.values(operations))
        .find((candidate) => candidate.operationId === operationId);
      const documented =
        operation?.responses?.[String(status)]?.content?.['application/json']?.schema;
      schema = documented && this.resolvable(documented);
    }
    if (!schema) return [];
    const validate = this.validator(`${operationId} answer ${status}`, schema);
    return validate(body)
      ? []
      : (validate.errors ?? []).map((error) => describeError('answer', error));
  }
}
