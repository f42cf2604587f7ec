/**
 * One server per job store. Two servers on one database would both run its queued jobs (each keeps its
 * queue in memory and re-queues what it finds at start-up), so a server holds an exclusive lock for its
 * life, and a second one refuses to start with a message saying why.
 *
 * The lock is SQLite's own on a companion file, `FILE.lock`, opened in exclusive locking mode with a
 * transaction that takes the write lock and keeps it until the connection closes: an OS file lock
 * (fcntl) that dies with the process, so a crash or `kill -9` never leaves a stale lock behind, and it
 * works wherever SQLite does. It is a separate file so that the database itself stays readable by
 * other connections (`sqlite3 FILE`, the tests) while the server runs.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";

export class JobStoreLockedError extends Error {
  override readonly name = "JobStoreLockedError";
}

/** Takes the store's lock (creating the folder when needed); returns its release. Throws JobStoreLockedError when another process holds it. */
export function lockJobStore(databasePath: string): () => void {
  const lockPath = `${resolve(databasePath)}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  const db = new Database(lockPath);
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    throw new JobStoreLockedError(
      `the job store ${resolve(databasePath)} is in use by another Takt server (one server per job store); stop it, or give this one its own --db`,
    );
  }
  return () => db.close();
}
