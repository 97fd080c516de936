export declare function parseNodeVersion(version: string): [number, number, number];
export declare function satisfiesCaretRange(version: string, range: string): boolean;
export declare function platformPackageName(platform: string, arch: string): string;
