/**
 * Who is calling. With tokens configured, every `/v1` route (and any path no route serves) needs
 * `Authorization: Bearer TOKEN` (@fastify/bearer-auth reads the header and answers 401); the token names
 * the client, which owns the jobs and batches it submits and is the unit of the job runner's fairness. An
 * `admin` client sees and cancels everyone's. `/health`, the API docs and the OpenAPI document stay open,
 * and so does anything outside `/v1` (the workbench's page and assets: a browser cannot send a bearer token
 * when it loads a page).
 *
 * Without tokens the service is open, for a planner's own machine (server.ts refuses a non-loopback bind
 * that way unless told `--insecure`): every caller is an admin, and `x-client-id` (else the address) only
 * names the client for fairness and listings.
 *
 * Tokens are compared in constant time: each presented token is checked against every configured one
 * through SHA-256 digests of equal length with timingSafeEqual, with no early exit, so neither the
 * position of a match nor a common prefix shows in the response time.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import fastifyBearerAuth from "@fastify/bearer-auth";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { TaktError } from "../src/errors.ts";

export interface ClientToken {
  client: string;
  token: string;
  /** Sees and cancels every client's jobs and batches. */
  admin: boolean;
}

/** The caller of a `/v1` route. */
export interface Principal {
  client: string;
  admin: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the auth hook on every request; null on an open route when tokens are configured. */
    principal: Principal | null;
  }
}

/** A bad token setting: the CLI prints it as one line. */
export class TokenConfigError extends Error {
  override readonly name = "TokenConfigError";
}

// RFC 6750's b64token: what may follow "Bearer " in a header.
const TOKEN_SYNTAX = /^[A-Za-z0-9\-._~+/]+=*$/;
const CLIENT_SYNTAX = /^[A-Za-z0-9][A-Za-z0-9\-._@]{0,99}$/;
/** Shorter tokens are refused: a guessable token is no protection. */
export const MIN_TOKEN_LENGTH = 16;

function clientToken(client: string, token: string, role: string | undefined, where: string): ClientToken {
  if (!CLIENT_SYNTAX.test(client)) throw new TokenConfigError(`${where}: client name "${client}" must be 1-100 letters, digits or - . _ @`);
  if (!TOKEN_SYNTAX.test(token)) throw new TokenConfigError(`${where}: the token of "${client}" may hold only letters, digits and - . _ ~ + / (then =)`);
  if (token.length < MIN_TOKEN_LENGTH) throw new TokenConfigError(`${where}: the token of "${client}" is shorter than ${MIN_TOKEN_LENGTH} characters`);
  if (role !== undefined && role !== "admin") throw new TokenConfigError(`${where}: unknown role "${role}" (the only role is admin)`);
  return { client, token, admin: role === "admin" };
}

/** `TAKT_TOKENS`: comma-separated `client:token` pairs, `client:token:admin` for an admin. */
export function parseTokenList(list: string): ClientToken[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry, i) => {
      const [client = "", token = "", role, ...rest] = entry.split(":");
      if (rest.length > 0 || token === "") throw new TokenConfigError(`TAKT_TOKENS entry ${i + 1}: expected client:token or client:token:admin`);
      return clientToken(client, token, role, `TAKT_TOKENS entry ${i + 1}`);
    });
}

/** A token file: one `client token [admin]` per line; blank lines and lines starting with # are skipped. */
export function parseTokenFile(text: string, file: string): ClientToken[] {
  const tokens: ClientToken[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === "" || fields[0]!.startsWith("#")) return;
    if (fields.length < 2 || fields.length > 3) throw new TokenConfigError(`${file}:${i + 1}: expected "client token" or "client token admin"`);
    tokens.push(clientToken(fields[0]!, fields[1]!, fields[2], `${file}:${i + 1}`));
  });
  return tokens;
}

/** All tokens, checked together: a token given twice would make its client ambiguous. */
export function checkTokens(tokens: ReadonlyArray<ClientToken>): ClientToken[] {
  const seen = new Set<string>();
  for (const { client, token } of tokens) {
    if (seen.has(token)) throw new TokenConfigError(`the token of "${client}" is also another entry's token; each token must name one client`);
    seen.add(token);
  }
  return [...tokens];
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** The client a token belongs to, compared in constant time (see the header). */
function tokenMatcher(tokens: ReadonlyArray<ClientToken>): (presented: string) => Principal | undefined {
  const known = tokens.map((t) => ({ digest: digest(t.token), principal: { client: t.client, admin: t.admin } }));
  return (presented) => {
    const candidate = digest(presented);
    let match: Principal | undefined;
    for (const entry of known) if (timingSafeEqual(entry.digest, candidate)) match = entry.principal;
    return match;
  };
}

/** Routes that need a token when tokens are configured: the API under /v1, and any path no route serves. */
function isProtected(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  return route === undefined || route === "/v1" || route.startsWith("/v1/");
}

/** Who a job belongs to without tokens: the `x-client-id` header when given, else the peer address. */
function declaredClient(request: FastifyRequest): string {
  const header = request.headers["x-client-id"];
  return (Array.isArray(header) ? header[0] : header)?.slice(0, 100) || request.ip;
}

/** Sets `request.principal` on every request; with tokens, refuses protected routes without a valid one (401). */
export async function registerAuth(app: FastifyInstance, tokens: ReadonlyArray<ClientToken>): Promise<void> {
  app.decorateRequest("principal", null);
  if (tokens.length === 0) {
    app.addHook("onRequest", async (request) => {
      request.principal = { client: declaredClient(request), admin: true };
    });
    return;
  }
  const match = tokenMatcher(checkTokens(tokens));
  await app.register(fastifyBearerAuth, {
    keys: [],
    addHook: false,
    // RFC 9110: the scheme name is case-insensitive.
    specCompliance: "rfc6749",
    verifyErrorLogLevel: "info",
    auth: (presented: string, request: FastifyRequest) => {
      const principal = match(presented);
      if (principal) request.principal = principal;
      return principal !== undefined;
    },
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (!isProtected(request)) return done();
    app.verifyBearerAuth!(request, reply, done);
  });
}

/** The caller of a protected route (set by registerAuth's hook). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new TaktError("TAKT_ERR_UNAUTHORIZED", "this route needs a bearer token");
  return request.principal;
}
