// Public addresses of the project, used by package.json and by SARIF helpUri (kept in step by tests/report).
export const REPOSITORY_URL = "https://github.com/graphwarden/graphwarden";
export const RULES_DOC_URL = `${REPOSITORY_URL}/blob/main/docs/rules.md`;

/** Anchor of a rule's section in docs/rules.md (GitHub lower-cases heading ids). */
export function ruleHelpUri(id: string): string {
  return `${RULES_DOC_URL}#${id.toLowerCase()}`;
}
