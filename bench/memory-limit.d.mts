export function deployedMemoryLimitBytes(): number;
export function createMemoryCgroup(
  limitBytes: number,
  name: string,
):
  | { procsFile: string; remove: () => void; unavailable?: undefined }
  | { unavailable: string; procsFile?: undefined; remove?: undefined };
export function commandInCgroup(procsFile: string, command: string[]): string[];
