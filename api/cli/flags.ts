/** Command-line flags checked with messages that say what is wrong: a UsageError is one line and exit code 2. */

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A whole number in [min, max] from a flag (or its environment variable, named in `source`). */
export function wholeNumber(value: string, source: string, min: number, max: number): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${source} must be a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}, not "${value}"`);
  }
  return n;
}

/** A positive number of seconds in (0, max], or 0 where `zeroMeans` says what 0 does. */
export function seconds(value: string, source: string, max: number, zeroMeans?: string): number {
  const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= max) || (n === 0 && !zeroMeans)) {
    throw new UsageError(`${source} must be a number of seconds${zeroMeans ? ` from 0 (${zeroMeans})` : " above 0"} to ${max.toLocaleString("en-US")}, not "${value}"`);
  }
  return n;
}

/** Web origins (`https://erp.example.com`, no path), comma-separated; `*` is refused: CORS here is an allow-list. */
export function origins(value: string, source: string): string[] {
  return value
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "")
    .map((origin) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        // reported below
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, "")) {
        throw new UsageError(`${source}: "${origin}" is not a web origin such as https://erp.example.com (scheme, host and port only; no "*")`);
      }
      return parsed.origin;
    });
}

/** A Redis URL (`redis://[:password@]host[:port][/db]`, or `rediss://` for TLS). */
export function redisUrl(value: string, source: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    // reported below
  }
  if (!parsed || !/^rediss?:$/.test(parsed.protocol) || parsed.hostname === "") {
    throw new UsageError(`${source} must be a Redis URL such as redis://127.0.0.1:6379, not "${value}"`);
  }
  return value;
}

/**
 * A command's settings: each flag, else its environment variable, named in messages as the user wrote it.
 * `setting` gives the value with its source; `number` checks a whole number in [min, max].
 */
export function settingsOf<V extends Record<string, unknown>>(values: V) {
  const setting = (flag: keyof V & string, env: string): [string, string] | undefined => {
    const value = values[flag];
    if (typeof value === "string") return [value, `--${flag}`];
    const fromEnv = process.env[env];
    return fromEnv === undefined || fromEnv === "" ? undefined : [fromEnv, env];
  };
  const number = (flag: keyof V & string, env: string, min: number, max: number) => {
    const found = setting(flag, env);
    return found && wholeNumber(found[0], found[1], min, max);
  };
  return { setting, number };
}
