import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/app';

const DEPLOY = join(ROOT_DIR, 'deploy');
const ANALYZE = '/usr/bin/systemd-analyze';
const hasAnalyze = existsSync(ANALYZE);
const work = mkdtempSync(join(tmpdir(), 'quayso-units-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const read = (...p: string[]) => readFileSync(join(DEPLOY, ...p), 'utf8');

/** `Key=value` lines of a unit or desktop file (repeated keys kept in order). */
function entries(text: string): [string, string][] {
  return text
    .split('\n')
    .filter((l) => /^[A-Za-z][\w-]*=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]);
}
const values = (text: string, key: string) => entries(text).filter(([k]) => k === key).map(([, v]) => v);

/**
 * Copies a unit into a temporary folder for `systemd-analyze verify`. A program the unit
 * starts that is not installed on this machine (e.g. Chromium on a server) is replaced by
 * an executable file at a real path in that folder, so that the rest is still checked.
 */
function stage(name: string): string {
  const dir = join(work, name.replace(/\W/g, '-'));
  mkdirSync(dir, { recursive: true });
  const text = read('systemd', name).replace(/^(Exec\w+=[-@:+!]*)(\/\S+)/gm, (line, prefix: string, program: string) => {
    if (existsSync(program)) return line;
    const stub = join(dir, 'bin', program.replace(/\//g, '_'));
    mkdirSync(join(dir, 'bin'), { recursive: true });
    writeFileSync(stub, '#!/bin/sh\nexit 0\n');
    chmodSync(stub, 0o755);
    return prefix + stub;
  });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs `systemd-analyze verify`; returns its exit code and what it said (warnings included). */
function verify(file: string, user: boolean): { status: number | null; said: string } {
  const runtime = join(work, 'runtime');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  const r = spawnSync(ANALYZE, [...(user ? ['--user'] : []), 'verify', '--man=no', '--generators=no', file], {
    encoding: 'utf8',
    // A user manager needs a runtime folder; a container has none.
    env: { ...process.env, XDG_RUNTIME_DIR: runtime, SYSTEMD_LOG_COLOR: '0' },
  });
  return { status: r.status, said: `${r.stdout}${r.stderr}`.trim() };
}

const UNITS = [
  { name: 'quayso.service', user: false },
  { name: 'quayso-kiosk.service', user: true },
  { name: 'quayso-tv.service', user: true },
];

describe.skipIf(!hasAnalyze)(`systemd units (${hasAnalyze ? ANALYZE : 'skipped: systemd-analyze is not installed'})`, () => {
  it('systemd-analyze verify notices a broken unit (so that its silence below means something)', () => {
    const file = stage('quayso.service');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Restart=always', 'Restart=sometimes\nRestartt=always'));
    const r = verify(file, false);
    expect(r.said).toMatch(/Unknown key 'Restartt'/);
    expect(r.said).toMatch(/restart specifier/);
  });

  for (const { name, user } of UNITS) {
    it(`${name} verifies without a warning${user ? ' (user unit)' : ''}`, () => {
      const file = stage(name);
      const r = verify(file, user);
      expect(r.said, r.said).toBe('');
      expect(r.status).toBe(0);
    });
  }
});

describe('deploy files', () => {
  it('the server unit restarts at once, as an unprivileged user with printer and serial groups, writing only DATA_DIR', () => {
    const unit = read('systemd', 'quayso.service');
    expect(values(unit, 'Restart')).toEqual(['always']);
    expect(values(unit, 'RestartSec')).toEqual(['1s']);
    expect(values(unit, 'User')).toEqual(['quayso']);
    expect(values(unit, 'SupplementaryGroups')[0]?.split(' ').sort()).toEqual(['dialout', 'lp']);
    expect(values(unit, 'ProtectSystem')).toEqual(['strict']);
    expect(values(unit, 'Environment')).toContain('DATA_DIR=/var/lib/quayso');
    expect(values(unit, 'ReadWritePaths')).toEqual(['/var/lib/quayso']);
    expect(values(unit, 'NoNewPrivileges')).toEqual(['yes']);
    expect(values(unit, 'ExecStart')[0]).toMatch(/deploy\/supervise\.mjs$/);
  });

  it('the screens open Chromium full screen; the TV may play the voice without a click', () => {
    for (const text of [read('systemd', 'quayso-kiosk.service'), read('autostart', 'quayso-kiosk.desktop')]) {
      const exec = [...values(text, 'ExecStart'), ...values(text, 'Exec')].join(' ');
      expect(exec).toMatch(/chromium --kiosk .*--noerrdialogs .*--incognito .*(kiosk|KIOSK)/);
      expect(exec).not.toContain('autoplay');
    }
    for (const text of [read('systemd', 'quayso-tv.service'), read('autostart', 'quayso-tv.desktop')]) {
      const exec = [...values(text, 'ExecStart'), ...values(text, 'Exec')].join(' ');
      expect(exec).toMatch(/chromium --kiosk --autoplay-policy=no-user-gesture-required .*(display|TV)/);
    }
    expect(values(read('systemd', 'quayso-kiosk.service'), 'Environment')).toContain('QUAYSO_KIOSK_PATH=/kiosk/');
    expect(values(read('systemd', 'quayso-tv.service'), 'Environment')).toContain('QUAYSO_TV_PATH=/display/');
  });

  it('the udev rules are well formed and give printers to lp and serial ports to dialout', () => {
    const rules = read('udev', '60-quayso.rules')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    const pair = /^(SUBSYSTEM|KERNEL|ATTRS\{\w+\}|ENV\{\w+\}|GROUP|MODE|SYMLINK)(==|\+=|=)"[^"]*"$/;
    for (const rule of rules) {
      for (const part of rule.split(', ')) expect(part, rule).toMatch(pair);
      expect(rule, 'a rule matches on something').toMatch(/==/);
      expect(rule, 'a rule changes something').toMatch(/(GROUP|MODE|SYMLINK)\+?="/);
    }
    expect(rules).toContain('SUBSYSTEM=="usbmisc", KERNEL=="lp[0-9]*", GROUP="lp", MODE="0660"');
    expect(rules.filter((r) => r.includes('GROUP="dialout"')).map((r) => /KERNEL=="(\w+)/.exec(r)?.[1])).toEqual(['ttyUSB', 'ttyACM']);
    expect(rules.some((r) => r.includes('SYMLINK+="quayso-card"'))).toBe(true);
  });
});
