export const PLACEHOLDER_DS = 1;
