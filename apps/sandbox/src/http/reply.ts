/** What a handler answers: a status and a JSON body, or a text body for `_cat` text output. */
export interface Reply {
  status: number;
  body?: unknown;
  text?: string;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const acknowledged = (): Reply => ok({ acknowledged: true });
/** HEAD answers: status only. */
export const exists = (found: boolean): Reply => ({ status: found ? 200 : 404 });
