import { errors, Serializer } from '@elastic/elasticsearch';
import { parseJson, stringifyJson } from '../lossless-json.js';

/** The Elasticsearch client's serializer, with exact 64-bit integers both ways (see lossless-json.ts). */
export class ElasticsearchLosslessSerializer extends Serializer {
  override serialize(object: Record<string, unknown>): string {
    try {
      return stringifyJson(object);
    } catch (error) {
      throw new errors.SerializationError((error as Error).message, object);
    }
  }

  override deserialize<T = unknown>(json: string): T {
    try {
      return parseJson(json) as T;
    } catch (error) {
      throw new errors.DeserializationError((error as Error).message, json);
    }
  }
}
