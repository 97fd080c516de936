/** The credential settings whose halves only make sense together. */
export interface CredentialSettings {
  dashboard: { username?: string; password?: string };
  managementAuth: { username?: string; password?: string };
}

/** A user name without its password (or the reverse) is a configuration mistake, not "auth off". */
export function credentialPairProblems(config: CredentialSettings): string[] {
  const problems: string[] = [];
  const pairs: Array<[string, string, { username?: string; password?: string }]> = [
    ['DASHBOARD_USERNAME', 'DASHBOARD_PASSWORD', config.dashboard],
    ['MANAGEMENT_USERNAME', 'MANAGEMENT_PASSWORD', config.managementAuth],
  ];
  for (const [userVariable, passwordVariable, pair] of pairs) {
    if ((pair.username === undefined) !== (pair.password === undefined)) {
      const missing = pair.username === undefined ? userVariable : passwordVariable;
      problems.push(
        `${missing}: must be set together with ${missing === userVariable ? passwordVariable : userVariable}`,
      );
    }
  }
  return problems;
}
