export declare const CAMUNDA_INDICES: Record<'operate' | 'tasklist' | 'optimize', string[]>;

/** A Camunda 8.8+ release: `8.8.0`…`8.8.x`, `8.9.x`, `8.10.x`. */
export type CamundaVersion = `8.8.${number}` | `8.9.${number}` | `8.10.${number}` | (string & {});

export interface CamundaSetOptions {
  camundaVersion: CamundaVersion;
  /** An installation whose archiver ran: every template-backed main has dated companions. */
  archived?: boolean;
  /** Index prefix of the web apps (`<prefix>-operate-…`); Zeebe records and Optimize keep theirs. */
  prefix?: string;
  /** Dates of the dated companions (yyyy-MM-dd); default `['2026-06-12']`. */
  archiveDates?: string[];
}

export interface CamundaTemplate {
  /** `<main>template` */
  name: string;
  /** `<main>*` */
  pattern: string;
  /** `<main>alias` */
  alias: string;
  main: string;
}

export interface CamundaIndexSet {
  camundaVersion: string;
  line: '8.8' | '8.9' | '8.10';
  mainIndices: string[];
  templates: CamundaTemplate[];
  aliases: string[];
  datedIndices: string[];
  zeebeRecordIndices: string[];
  optimizeIndices: string[];
}

export interface SeededCamunda extends CamundaIndexSet {
  /** Every index of the set (mains, dated, zeebe-record, Optimize). */
  indices: string[];
}

interface CommonSeedOptions {
  docsPerIndex?: number;
  repository?: string;
  location?: string;
}

export declare function camundaLine(camundaVersion: string): '8.8' | '8.9' | '8.10';
export declare function camundaIndexSet(options: CamundaSetOptions): CamundaIndexSet;
export declare function seedCamundaIndices(
  url: string,
  options: CommonSeedOptions & CamundaSetOptions,
): Promise<SeededCamunda>;
export declare function seedCamundaIndices(url: string, options?: CommonSeedOptions): Promise<string[]>;
