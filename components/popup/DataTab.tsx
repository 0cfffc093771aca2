/** Export and import of the agent's own data. */
export function DataTab() {
  return null;
}
