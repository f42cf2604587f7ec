import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const taktBin = fileURLToPath(new URL("../../bin/takt.mjs", import.meta.url));

/** Runs the `takt` command as a user would; never throws on a non-zero exit. */
export function takt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return taktWith({}, ...args);
}

/** `takt` with extra environment variables (TAKT_TOKEN, PORT, …). */
export async function taktWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // Room for a large plan on stdout (execFile's default is 1 MiB).
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [taktBin, ...args], { maxBuffer: 1 << 30, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
