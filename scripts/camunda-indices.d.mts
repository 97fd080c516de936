export declare const CAMUNDA_INDICES: Record<'operate' | 'tasklist' | 'optimize', string[]>;
export declare function seedCamundaIndices(
  url: string,
  options?: { docsPerIndex?: number; repository?: string; location?: string },
): Promise<string[]>;
