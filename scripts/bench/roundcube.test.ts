import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INSTALL_HINT, missingRoundcube, phpString, renderRoundcubeConfig, type RoundcubeSettings } from "./roundcube";
import { assertBrowserPrerequisites } from "./browser";

const template = readFileSync(path.join(__dirname, "..", "..", "config", "roundcube", "config.inc.php.tpl"), "utf8");
const settings: RoundcubeSettings = { dir: "/tmp/bench dir/rc", imapHost: "127.0.0.1", imapPort: 15143, smtpPort: 15025, desKey: "abcdefghijklmnopqrstuvwx" };
const hasPhp = spawnSync("php", ["-v"]).status === 0;
const tmp = mkdtempSync(path.join(os.tmpdir(), "rc-config-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("Roundcube config rendering", () => {
  it("quotes PHP strings so a quote or backslash cannot end them", () => {
    expect(phpString("plain")).toBe("'plain'");
    expect(phpString("it's a\\b")).toBe("'it\\'s a\\\\b'");
  });

  it("points Roundcube at the bench Dovecot, a SQLite file and folders in its own dir", () => {
    const out = renderRoundcubeConfig(template, settings);
    expect(out).not.toMatch(/@@[A-Z_]+@@/);
    expect(out).toContain("$config['imap_host'] = '127.0.0.1:15143';");
    expect(out).toContain("$config['smtp_host'] = '127.0.0.1:15025';");
    expect(out).toContain("$config['db_dsnw'] = 'sqlite:////tmp/bench dir/rc/roundcube.sqlite?mode=0640';");
    expect(out).toContain("$config['log_dir'] = '/tmp/bench dir/rc/logs/';");
    expect(out).toContain("$config['temp_dir'] = '/tmp/bench dir/rc/temp/';");
    expect(out).toContain("$config['des_key'] = 'abcdefghijklmnopqrstuvwx';");
  });

  it("refuses an unknown placeholder and a des_key Roundcube cannot use", () => {
    expect(() => renderRoundcubeConfig("<?php $config['x'] = @@NOPE@@;", settings)).toThrow(/unknown placeholder @@NOPE@@/);
    expect(() => renderRoundcubeConfig(template, { ...settings, desKey: "short" })).toThrow(/24 characters/);
  });

  it.skipIf(!hasPhp)("renders a file PHP reads back to the same values (needs php: install-system.sh --with-bench)", () => {
    const file = path.join(tmp, "config.inc.php");
    writeFileSync(file, renderRoundcubeConfig(template, { ...settings, dir: "/x/it's" }));
    const r = spawnSync("php", ["-r", `include $argv[1]; echo json_encode($config);`, file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const config = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(config.imap_host).toBe("127.0.0.1:15143");
    expect(config.db_dsnw).toBe("sqlite:////x/it's/roundcube.sqlite?mode=0640");
    expect(config.plugins).toEqual([]);
    expect(config.skin).toBe("elastic");
  });
});

describe("missing prerequisites fail the browser section before it starts", () => {
  it("names each missing Roundcube file", () => {
    const missing = missingRoundcube({ webRoot: "/nonexistent/roundcube/public_html" });
    expect(missing[0]).toBe("webRoot (/nonexistent/roundcube/public_html)");
    // PHP is looked for too: on a machine without `install-system.sh --with-bench` it is missing as well.
    expect(missing.slice(1).filter((m) => !/^php/.test(m))).toEqual([]);
  });

  it("says what is missing and how to install it", () => {
    expect(() => assertBrowserPrerequisites({ chromiumPath: "/nonexistent/chromium" }, { defaults: "/nonexistent/defaults.inc.php" })).toThrow(
      /Chromium is missing at \/nonexistent\/chromium.*Roundcube is missing \(defaults \(\/nonexistent\/defaults\.inc\.php\)[,)].*install-system\.sh --with-bench/,
    );
    expect(INSTALL_HINT).toContain("--with-bench");
  });

  it("makes `npm run bench -- --only=browser` exit non-zero, with the reason, and no JSON", () => {
    const root = path.join(__dirname, "..", "..");
    const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(__dirname, "run.ts"), "--only=browser"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, BENCH_CHROMIUM: "/nonexistent/chromium", BENCH_APP_PORT: "1" },
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the browser section cannot run: Chromium is missing at \/nonexistent\/chromium/);
    expect(r.stdout).toBe("");
  }, 60_000);
});
