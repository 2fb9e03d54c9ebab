/**
 * Roundcube 1.6 (Debian's roundcube-core) for the browser bench: its config rendered from
 * config/roundcube/ into a data dir of its own under the bench dir, a SQLite file, and `php -S` on
 * loopback against the bench Dovecot. Nothing under /etc/roundcube is changed; no web server or
 * database server is involved. Installed by `bash scripts/install-system.sh --with-bench`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { waitForAnswer } from "./http";
import { spawnLogged } from "./stack";

/** Where Debian puts Roundcube: the web root, the stock defaults and its SQL schema. */
export const ROUNDCUBE_PATHS = {
  webRoot: "/var/lib/roundcube/public_html",
  defaults: "/etc/roundcube/defaults.inc.php",
  mimetypes: "/etc/roundcube/mimetypes.php",
  schema: "/usr/share/roundcube/SQL/sqlite.initial.sql",
};

export const INSTALL_HINT = "run `bash scripts/install-system.sh --with-bench` as root (Debian packages roundcube-core, roundcube-sqlite3, php-cli, php-sqlite3)";

export interface RoundcubeSettings {
  /** The bench's own folder for Roundcube (config, SQLite file, logs, temp). */
  dir: string;
  imapHost: string;
  imapPort: number;
  smtpPort: number;
  /** 24 characters; Roundcube encrypts the IMAP password in its session with it. */
  desKey: string;
}

/** A PHP single-quoted string literal: only \ and ' are special inside one. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Fills the @@NAME@@ placeholders of config/roundcube/config.inc.php.tpl; throws on one left over. */
export function renderRoundcubeConfig(template: string, s: RoundcubeSettings): string {
  if (s.desKey.length !== 24) throw new Error("Roundcube's des_key must be 24 characters");
  const values: Record<string, string> = {
    // Roundcube's DSN for an absolute path has four slashes: sqlite:// + /path.
    DB_DSN: phpString(`sqlite:///${path.resolve(s.dir, "roundcube.sqlite")}?mode=0640`),
    IMAP_HOST: phpString(`${s.imapHost}:${s.imapPort}`),
    SMTP_HOST: phpString(`${s.imapHost}:${s.smtpPort}`),
    DES_KEY: phpString(s.desKey),
    LOG_DIR: phpString(path.join(s.dir, "logs") + "/"),
    TEMP_DIR: phpString(path.join(s.dir, "temp") + "/"),
  };
  const out = template.replace(/@@([A-Z_]+)@@/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`config/roundcube template: unknown placeholder ${whole}`);
    return v;
  });
  return out;
}

/** What is missing for the Roundcube half of the bench (empty: nothing). */
export function missingRoundcube(paths: Record<string, string> = ROUNDCUBE_PATHS): string[] {
  const missing: string[] = [];
  for (const [what, file] of Object.entries(paths)) if (!existsSync(file)) missing.push(`${what} (${file})`);
  const php = spawnSync("php", ["-m"], { encoding: "utf8" });
  if (php.error || php.status !== 0) missing.push("php (the CLI)");
  else if (!/^pdo_sqlite$/m.test(php.stdout)) missing.push("php's pdo_sqlite module (php-sqlite3)");
  return missing;
}

export interface RoundcubeProcess {
  url: string;
  pid: number;
  logFile: string;
  stop: () => Promise<void>;
}

/** Writes config + links + an empty schema'd SQLite file into s.dir (kept between runs: sign-ins add users). */
export function prepareRoundcubeDir(project: string, s: RoundcubeSettings): string {
  const configDir = path.join(s.dir, "config");
  for (const d of [configDir, path.join(s.dir, "logs"), path.join(s.dir, "temp")]) mkdirSync(d, { recursive: true });
  const template = readFileSync(path.join(project, "config", "roundcube", "config.inc.php.tpl"), "utf8");
  writeFileSync(path.join(configDir, "config.inc.php"), renderRoundcubeConfig(template, s));
  // Roundcube reads defaults.inc.php and mimetypes.php from its config dir: Debian's own, unchanged.
  for (const file of [ROUNDCUBE_PATHS.defaults, ROUNDCUBE_PATHS.mimetypes]) {
    const link = path.join(configDir, path.basename(file));
    rmSync(link, { force: true });
    symlinkSync(file, link);
  }
  const dbFile = path.join(s.dir, "roundcube.sqlite");
  if (!existsSync(dbFile)) {
    const db = new Database(dbFile);
    try {
      db.exec(readFileSync(ROUNDCUBE_PATHS.schema, "utf8"));
    } finally {
      db.close();
    }
  }
  return configDir;
}

/**
 * Starts `php -S` on 127.0.0.1:port with Debian's web root and our config dir. OPcache is on and four
 * workers serve requests in parallel, as php-fpm would in a real install: without them Roundcube would
 * recompile every script per request and queue its parallel requests, and the comparison would flatter us.
 */
export async function startRoundcube(project: string, s: RoundcubeSettings, port: number, log: (m: string) => void): Promise<RoundcubeProcess> {
  const missing = missingRoundcube();
  if (missing.length > 0) throw new Error(`Roundcube is not installed (missing: ${missing.join(", ")}): ${INSTALL_HINT}`);
  const configDir = prepareRoundcubeDir(project, s);
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(s.dir, "logs", "php-server.log");
  const args = ["-d", "opcache.enable_cli=1", "-d", "opcache.memory_consumption=128", "-d", "opcache.validate_timestamps=0", "-d", "memory_limit=256M", "-S", `127.0.0.1:${port}`, "-t", ROUNDCUBE_PATHS.webRoot];
  log(`starting Roundcube: php -S 127.0.0.1:${port} (config ${path.relative(project, configDir)})`);
  const { child, alive } = await spawnLogged("php", args, { env: { ...process.env, ROUNDCUBE_CONFIG_DIR: configDir, PHP_CLI_SERVER_WORKERS: "4" }, logFile, append: true });
  const stop = async () => {
    if (!alive()) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const deadline = Date.now() + 5_000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive()) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  try {
    const status = await waitForAnswer(`${url}/?_task=login`, 20_000, alive);
    // A broken config still answers 200 (with an error page): the sign-in form is the real sign of life.
    const page = await fetch(`${url}/?_task=login`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text());
    if (status !== 200 || !page.includes("rcmloginuser")) {
      throw new Error(`Roundcube's sign-in page is not there (HTTP ${status}); see ${path.join(s.dir, "logs")}/errors.log`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, pid: child.pid!, logFile, stop };
}
