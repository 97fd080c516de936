import type { Flavor } from '../config.js';
import { EsError, RawErrorResponse } from './errors.js';
import type { SandboxRequest } from './request.js';

const BODY_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/vnd.elasticsearch+json',
  'application/vnd.elasticsearch+x-ndjson',
  'application/vnd.opensearch+json',
  'application/vnd.opensearch+x-ndjson',
];

/**
 * Header checks Elasticsearch makes before routing: a body needs a supported Content-Type (406
 * otherwise), and `compatible-with` must be 7 or 8 on an 8.x server. Returns whether the client
 * asked for the compatible-with media type (the answer then uses it too).
 */
export function checkMediaTypes(request: SandboxRequest, flavor: Flavor): boolean {
  const contentType = header(request, 'content-type');
  const accept = header(request, 'accept');
  if (flavor === 'elasticsearch') {
    for (const [name, value] of [
      ['Accept', accept],
      ['Content-Type', contentType],
    ] as const) {
      const version = /compatible-with\s*=\s*(\d+)/i.exec(value ?? '')?.[1];
      if (version !== undefined && version !== '7' && version !== '8') {
        throw new EsError(
          400,
          'media_type_header_exception',
          'Invalid media-type value on headers [Accept, Content-Type]',
          {},
          new EsError(
            400,
            'status_exception',
            `${name} version must be either version 8 or 7, but found ${version}. ${name}=${value}`,
          ),
        );
      }
    }
  }
  if (request.hasBody) {
    if (contentType === undefined) {
      throw new RawErrorResponse(406, { error: 'Content-Type header is missing', status: 406 });
    }
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    if (!BODY_TYPES.includes(mediaType)) {
      throw new RawErrorResponse(406, {
        error: `Content-Type header [${contentType}] is not supported`,
        status: 406,
      });
    }
  }
  return flavor === 'elasticsearch' && /compatible-with/i.test(accept ?? '');
}

function header(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
