/** Templates in the options page: list, search, edit, groups, import / export. (Being built.) */
export function TemplatesManager() {
  return null;
}
