/**
 * The permission registry. Each module declares its permission codes with a description
 * (`definePermissions`) next to the controllers that require them; the access module lists the
 * registry and the super admin role holds every code in it.
 */
const registry = new Map<string, string>();
const required = new Set<string>();

const CODE = /^[a-z][a-z-]*:[a-z][a-z-]*$/;

export function definePermissions<const T extends Record<string, string>>(defs: T): { [K in keyof T]: K } {
  for (const [code, description] of Object.entries(defs)) {
    if (!CODE.test(code)) throw new Error(`Permission code "${code}" must look like resource:action`);
    const existing = registry.get(code);
    if (existing !== undefined && existing !== description) throw new Error(`Permission "${code}" is declared twice`);
    registry.set(code, description);
  }
  return Object.fromEntries(Object.keys(defs).map((k) => [k, k])) as { [K in keyof T]: K };
}

export function markRequired(code: string): void {
  required.add(code);
}

export function permissionRegistry(): ReadonlyArray<{ code: string; description: string }> {
  return [...registry.entries()].map(([code, description]) => ({ code, description })).sort((a, b) => a.code.localeCompare(b.code));
}

export function isKnownPermission(code: string): boolean {
  return registry.has(code);
}

/** Codes some route requires; the route audit test checks they are all declared. */
export function requiredPermissions(): ReadonlySet<string> {
  return required;
}
