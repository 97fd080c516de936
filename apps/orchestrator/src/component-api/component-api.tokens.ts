/** DI token of the ComponentSettings a component listener serves. */
export const COMPONENT_SETTINGS = Symbol('COMPONENT_SETTINGS');
/** DI token of that component's ComponentContract. */
export const COMPONENT_CONTRACT = Symbol('COMPONENT_CONTRACT');
