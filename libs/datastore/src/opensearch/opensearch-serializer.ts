import { errors, Serializer } from '@opensearch-project/opensearch';
import { parseJson, stringifyJson } from '../lossless-json.js';

/** The OpenSearch client's serializer, with exact 64-bit integers both ways (see lossless-json.ts). */
export class OpenSearchLosslessSerializer extends Serializer {
  override serialize(object: unknown): string {
    try {
      return stringifyJson(object);
    } catch (error) {
      throw new errors.SerializationError((error as Error).message, object);
    }
  }

  override deserialize(json: string): unknown {
    try {
      return parseJson(json);
    } catch (error) {
      throw new errors.DeserializationError((error as Error).message, json);
    }
  }
}
