/**
 * `highs` and `javascript-lp-solver` ship ESM builds but keep their type declarations in a
 * `"type": "commonjs"` package, so under NodeNext TypeScript types `import x from "pkg"` as the CommonJS
 * exports object `{ default: x }`, while Node and Vite load the ESM build and hand over `x` itself.
 * This accepts either shape, so the types stay honest and the code runs in both worlds.
 */
export function esmDefault<T>(imported: { readonly default: T }): T {
  const unwrapped = (imported as { readonly default?: T }).default;
  return unwrapped ?? (imported as unknown as T);
}
