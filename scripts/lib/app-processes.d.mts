export type AppName = 'sandbox' | 'orchestrator' | 'cli';
export declare const root: string;
export declare function entryFileOf(app: AppName): string;
export declare function buildIfStale(app: AppName, log?: (line: string) => void): void;
export declare function freePort(): Promise<number>;
