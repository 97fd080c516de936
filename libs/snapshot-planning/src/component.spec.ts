import { COMPONENTS, isComponentName, PART_COUNT } from './component.js';

describe('components', () => {
  it('lists the three components in a fixed order', () => {
    expect(COMPONENTS).toEqual(['optimize', 'operate', 'tasklist']);
    expect(Object.isFrozen(COMPONENTS)).toBe(true);
  });

  it('gives Optimize 2 parts and Operate and Tasklist 6', () => {
    expect(PART_COUNT).toEqual({ optimize: 2, operate: 6, tasklist: 6 });
    expect(Object.isFrozen(PART_COUNT)).toBe(true);
  });

  it('recognises component names exactly', () => {
    for (const component of COMPONENTS) expect(isComponentName(component)).toBe(true);
    for (const other of ['zeebe', 'webapps', 'Operate', 'operate ', '', undefined, 1, 'toString']) {
      expect(isComponentName(other)).toBe(false);
    }
  });
});
