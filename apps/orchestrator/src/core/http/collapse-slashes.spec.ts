import type { Request, Response } from 'express';
import { collapseSlashes } from './collapse-slashes.js';

function collapse(url: string): string {
  const request = { url } as Request;
  collapseSlashes(request, {} as Response, () => undefined);
  return request.url;
}

describe('collapseSlashes', () => {
  it('collapses repeated slashes in the path only', () => {
    expect(collapse('//actuator//backups/5')).toBe('/actuator/backups/5');
    expect(collapse('/actuator/backups?next=http://x//y')).toBe('/actuator/backups?next=http://x//y');
    expect(collapse('/actuator/backups')).toBe('/actuator/backups');
  });
});
