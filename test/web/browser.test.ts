// The web UI in a real browser (headless Chromium through playwright-core) against an in-process
// lab server whose clocks move only by actions (tick: false), so every screen is deterministic.
// A trainer starts the add-peer lab from the start page; a student, on the student link, adds
// Peer 3 on the primary's Clustering page and on expc02's tshell; the trainer cuts expc02's power
// and skips time. Every step is real clicks and typing, and each claim waits for the text to
// appear on the page (playwright auto-waiting), so a step that does not happen fails on time-out.
// Screenshots of every page at 1,400 and 1,024 px go to out/screenshots/ (CI keeps them), and at
// both widths the header and the menu bar must stay one row.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { parseRunbook } from '../../src/runbook/load.js';
import { htmlReport } from '../../src/runbook/report/html.js';
import { runRunbook } from '../../src/runbook/run.js';
import { withLifecycleCrash } from '../helpers/modelFault.js';
import { requireRealPart } from '../helpers/realParts.js';
import { procedureActions } from '../server/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Long enough for a slow CI machine, short enough that a missing element fails fast. */
const WAIT_MS = 10_000;

const present = requireRealPart(CHROMIUM, 'apt-get install chromium', 'test/web/browser.test.ts');

const SHOTS = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const WIDTHS = [1400, 1024] as const;

/**
 * Saves `page` at each width as out/screenshots/<name>-<width>.png, and checks that nothing in a
 * lab's header or menu bar wrapped to a second row.
 */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1400, height: 1000 };
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: before.height });
    for (const [what, selector, most] of [['header', '.lab-topbar', 56], ['menu bar', '.menu', 40]] as const) {
      const box = (await page.locator(selector).count()) > 0 ? await page.locator(selector).first().boundingBox() : null;
      if (box) expect(box.height, `${name}: the ${what} wraps at ${width} px`).toBeLessThanOrEqual(most);
    }
    await page.screenshot({ path: `${SHOTS}${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(before);
}

/** Opens Menu > Item on the selected peer's menu bar. */
async function menu(page: Page, top: string, item: string): Promise<void> {
  await page.getByRole('menubar', { name: 'Admin menu' }).getByRole('menuitem', { name: top, exact: true }).click();
  await page.getByRole('menu', { name: top }).getByRole('menuitem', { name: item }).click();
  await page.getByRole('heading', { name: `${top} > ${item}` }).waitFor();
}

/** An in-process lab server whose clocks move only by actions, and a headless Chromium. */
async function startBoth(): Promise<{ server: RunningServer; browser: Browser }> {
  const server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false });
  return { server, browser: await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS }) };
}

async function stopBoth(server: RunningServer | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.close();
}

describe.skipIf(!present)('web UI in a browser (add-peer lab, trainer and student)', () => {
  let server: RunningServer;
  let browser: Browser;
  let trainer: Page;
  let student: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser } = await startBoth());
  });
  afterAll(() => stopBoth(server, browser));

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(WAIT_MS);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    return page;
  }

  const peerButton = (page: Page, name: string) => page.getByRole('navigation', { name: 'Peers' }).getByRole('button', { name: new RegExp(`^${name}`) });
  /** The Status cell of "Peer n" on the open Clustering page (row header, Address, Status, Certificate). */
  const peerStatus = (page: Page, n: number) => page.getByRole('row', { name: new RegExp(`Peer ${n} address`) }).getByRole('cell').nth(1);
  const objectives = (page: Page) => page.getByRole('region', { name: /^Objectives/ });
  const textOf = async (locator: Locator) => (await locator.innerText()).trim();

  it('start page: "Start lab" on the add-peer card opens the trainer view, which shows the student link', async () => {
    trainer = await open(server.url);
    await trainer.getByLabel('Class key').fill(server.labs.classKey);
    await trainer.getByRole('article', { name: 'Add a third peer to the cluster' }).getByRole('button', { name: 'Start lab' }).click();
    await trainer.getByText('Trainer', { exact: true }).waitFor();
    expect(trainer.url()).toMatch(/#lab=\w+&token=\w+$/);
    await trainer.getByRole('heading', { name: 'Add a third peer to the cluster' }).waitFor();
    const link = await trainer.getByRole('link', { name: 'Student link' }).getAttribute('href');
    expect(link).toMatch(new RegExp(`^${server.url}/#lab=\\w+&token=\\w+$`));
    expect(link).not.toBe(trainer.url());
    student = await open(link!);
  });

  it('trainer: System > Clustering on expc01 shows Peer 1 "This system" and Peer 2 "Active", and the grade', async () => {
    await trainer.getByRole('heading', { name: 'System > Clustering' }).waitFor();
    await peerStatus(trainer, 1).filter({ hasText: /^This system$/ }).waitFor();
    await peerStatus(trainer, 2).filter({ hasText: /^Active$/ }).waitFor();
    // Not all five objectives can be met before the student has done anything; the grade counts the ✓ marks.
    const grade = await textOf(trainer.getByLabel('Grade'));
    expect(grade).toMatch(/^[0-4]\/5 objectives$/);
    expect(await objectives(trainer).getByText('✓', { exact: true }).count()).toBe(Number(grade.split('/')[0]));
    expect(await trainer.getByLabel('Peer 1 address').inputValue()).toBe('10.0.0.11');
    expect(await trainer.getByLabel('Peer 3 address').inputValue()).toBe('');
    expect(await textOf(trainer.getByLabel('Virtual clock'))).toBe('T+00:01:00.000');
    // The settled two-peer cluster holds no latent danger; the trainer's list says so.
    await trainer.getByRole('list', { name: 'Armed traps' }).getByText('None.').waitFor();
    await shoot(trainer, 'lab-trainer-clustering');
  });

  it('menu bar: the product\'s seven menus in one row; System opens a drop-down with Clustering current and unmodelled pages greyed', async () => {
    const bar = trainer.getByRole('menubar', { name: 'Admin menu' });
    const tops = await bar.getByRole('menuitem').filter({ has: trainer.locator(':scope[aria-haspopup]') }).allInnerTexts();
    expect(tops.map((t) => t.replace('▾', '').trim())).toEqual(['Status', 'System', 'Configuration', 'Applications', 'Users', 'Maintenance', 'Help']);
    await bar.getByRole('menuitem', { name: 'System', exact: true }).click();
    const system = trainer.getByRole('menu', { name: 'System' });
    expect(await system.getByRole('menuitem', { name: 'Clustering' }).getAttribute('aria-current')).toBe('page');
    expect(await system.getByRole('menuitem', { name: /^DNS/ }).getAttribute('aria-disabled')).toBe('true');
    await shoot(trainer, 'lab-menu-open');
    await trainer.keyboard.press('Escape');
    await system.waitFor({ state: 'hidden' });
  });

  it('student: Peer 3 address 10.0.0.13 on expc01 and Save → the saved line, the value kept, a Peer 3 status', async () => {
    await student.getByText('Student', { exact: true }).waitFor();
    await peerButton(student, 'expc01').waitFor();
    expect(await peerButton(student, 'expc01').getAttribute('aria-pressed')).toBe('true');
    await student.getByLabel('Peer 3 address').fill('10.0.0.13');
    await student.getByRole('button', { name: 'Save' }).click();
    // The product's one word, not a log line.
    await student.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
    expect(await student.getByText('-> "10.0.0.13"').count()).toBe(0);
    // Before the save the row had no status at all; now the primary reports on its new peer.
    await peerStatus(student, 3).filter({ hasText: /\S/ }).waitFor();
    expect(await textOf(peerStatus(student, 3))).toMatch(/^(Unknown|Failed|Active)/);
    expect(await student.getByLabel('Peer 3 address').inputValue()).toBe('10.0.0.13');
  });

  it('objectives: the trainer sees "every peer lists expc03 as Peer 3" open on expc02 and expc03; the student sees only what to achieve', async () => {
    const first = objectives(trainer).getByRole('listitem').first();
    await first.filter({ hasNotText: 'expc01: saved' }).waitFor();
    const text = await textOf(first);
    expect(text).toContain('not met');
    expect(text).toContain('every peer lists expc03 as Peer 3');
    expect(text).toContain('expc02: saved Alternates Peer 3 Address = "10.0.0.13"');
    expect(text).toContain('seen: Alternates Peer 3 Address = ""');
    expect(text).toContain('expc03: saved Alternates Peer 3 Address = "10.0.0.13"');
    const mine = (await objectives(student).getByRole('listitem').first().textContent())?.trim();
    expect(mine).toBe('✗not met: every peer lists expc03 as Peer 3');
    expect(await textOf(objectives(student))).not.toContain('10.0.0.13');
    await shoot(student, 'lab-student-clustering');
  });

  it('student: Terminal on expc02, typing the xConfiguration line and Enter answers OK', async () => {
    await peerButton(student, 'expc02').click();
    await student.getByRole('button', { name: 'Terminal', exact: true }).click();
    await student.getByText('Connected to expc02 as admin').waitFor();
    await student.locator('.term-screen .xterm').click();
    await student.keyboard.type('xConfiguration Alternates Peer 3 Address: "10.0.0.13"');
    await student.keyboard.press('Enter');
    const rows = student.locator('.xterm-rows > div');
    await rows.filter({ hasText: /^\s*OK\s*$/ }).waitFor();
    expect(await rows.filter({ hasText: 'status=Error' }).count()).toBe(0);
    // The shell's save reached the twin: expc02's claim leaves the objective's open list.
    await objectives(trainer).getByRole('listitem').first().filter({ hasNotText: 'expc02: saved' }).waitFor();
    await shoot(student, 'lab-student-terminal');
  });

  it('student: Maintenance > Restart options on expc03 gives the lab\'s hint, and Restart asks first (Cancel does nothing, Restart restarts)', async () => {
    await peerButton(student, 'expc03').click();
    await menu(student, 'Maintenance', 'Restart options');
    const page = student.getByRole('region', { name: 'Maintenance > Restart options' });
    await page.getByText(/Adding a peer needs one restart: the new peer \(expc03\)/).waitFor();
    expect(await page.getByText(/primary first/).count()).toBe(0);
    await student.getByRole('button', { name: 'Restart', exact: true }).click();
    const dialog = student.getByRole('alertdialog', { name: 'Restart expc03?' });
    await dialog.waitFor();
    await shoot(student, 'lab-restart-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await peerButton(student, 'expc03').filter({ hasText: 'Running' }).waitFor();
    await student.getByRole('button', { name: 'Restart', exact: true }).click();
    await dialog.getByRole('button', { name: 'Restart' }).click();
    await peerButton(student, 'expc03').filter({ hasText: 'Restarting' }).waitFor();
  });

  it('trainer: a power-loss fault on expc02 is listed and in the event feed, and after Skip 1 min expc02 is powered off and expc01 sees Peer 2 fail', async () => {
    const form = trainer.getByRole('form', { name: 'Inject a fault' });
    await form.getByLabel('Fault', { exact: true }).selectOption({ label: 'Power loss' });
    await form.getByLabel('Peer', { exact: true }).selectOption('expc02');
    await form.getByRole('button', { name: 'Inject fault' }).click();
    await trainer.getByRole('list', { name: 'Active faults' }).getByText('power lost on expc02').waitFor();
    await trainer.getByRole('button', { name: 'Heal fault 1' }).waitFor();
    // The feed hears of it through the event stream (its history was loaded before the fault).
    const feed = trainer.getByRole('list', { name: 'Events' });
    await feed.getByText('fault 1 injected: power lost on expc02').waitFor();
    await feed.getByRole('listitem').filter({ hasText: 'expc02' }).filter({ hasText: 'Running → Powered off' }).waitFor();
    await trainer.getByRole('button', { name: 'Skip 1 min' }).click();
    await trainer.getByLabel('Virtual clock').getByText('T+00:02:00.000').waitFor();
    await peerButton(trainer, 'expc02').filter({ hasText: 'Powered off' }).waitFor();
    await peerStatus(trainer, 2).filter({ hasText: /^Failed/ }).waitFor();
  });

  it('student: sees the time skipped and the peer down, but not the fault, until the trainer lets students see faults', async () => {
    await student.getByLabel('Virtual clock').getByText('T+00:02:00.000').waitFor();
    await peerButton(student, 'expc02').filter({ hasText: 'Powered off' }).waitFor();
    expect(await student.getByRole('list', { name: 'Active faults' }).count()).toBe(0);
    expect(await student.getByRole('list', { name: 'Events' }).getByText(/fault 1/).count()).toBe(0);
    await trainer.getByLabel('Students see faults').check();
    await student.getByRole('list', { name: 'Active faults' }).getByText('power lost on expc02').waitFor();
    await shoot(trainer, 'lab-trainer-fault');
    expect(await student.getByRole('form', { name: 'Inject a fault' }).count()).toBe(0);
    expect(await student.getByRole('button', { name: /^Heal/ }).count()).toBe(0);
    expect(await student.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expect(await student.getByRole('list', { name: 'Armed traps' }).count()).toBe(0);
    expect(await student.getByRole('button', { name: 'Skip 1 min' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('trainer: a fault inside the model (the test seam, on expc02 booting) while healing shows a Twin fault notice; the fault stays listed', async () => {
    // Healing the power loss powers expc02 on; the seam makes its lifecycle throw as it starts booting.
    await withLifecycleCrash({ peer: 'expc02', entering: 'booting', message: 'forced by the test seam' }, async () => {
      await trainer.getByRole('button', { name: 'Heal fault 1' }).click();
      const notice = trainer.getByRole('region', { name: 'Twin fault' });
      await notice.getByText(/on expc02 \(its lifecycle\), during heal fault 1 \(trainer\): forced by the test seam; the lab was rebuilt from its log without it/).waitFor();
    });
    await trainer.getByRole('list', { name: 'Active faults' }).getByText('power lost on expc02').waitFor();
    await peerButton(trainer, 'expc02').filter({ hasText: 'Powered off' }).waitFor();
    expect(await student.getByRole('region', { name: 'Twin fault' }).count()).toBe(0);
  });
});

describe.skipIf(!present)('web UI in a browser: a bad runbook upload, the class list', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startBoth());
  });
  afterAll(() => stopBoth(server, browser));

  it('shows the server\'s file:line:col errors verbatim, one per line, and stays on the start page', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(server.url);
    const runbook = 'name: broken\nseed: 1\ntopology:\n  peers: []\nsteps:\n  - wat: 1\n';
    await page.getByLabel('Runbook file').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(runbook) });
    // The file's text lands in the editor, where it can still be changed before the upload.
    await expect.poll(() => page.getByLabel('Runbook YAML').inputValue(), { timeout: WAIT_MS }).toBe(runbook);
    await page.getByLabel('Class key').fill(server.labs.classKey);
    await page.getByRole('button', { name: 'Upload runbook' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('XTW_ERR_SERVER_BAD_RUNBOOK').waitFor();
    const lines = (await alert.locator('pre').innerText()).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^broken\.yaml:4:\d+: peers needs at least 1 item/);
    expect(lines[1]).toMatch(/^broken\.yaml:6:\d+: "wat" is not a step/);
    expect(page.url()).toBe(`${server.url}/`);
  });

  it('class list: the trainer starts a lab for a named student, sees its grade, and opens it as trainer', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${server.url}/#class=${server.labs.classKey}`);
    await page.getByLabel('Lab', { exact: true }).selectOption({ label: 'Clear a replication conflict' });
    await page.getByLabel('Student', { exact: true }).fill('Alice, desk 4');
    await page.getByRole('button', { name: 'Start lab for student' }).click();
    const row = page.getByRole('table', { name: 'Labs in this class' }).getByRole('row').filter({ hasText: 'Alice, desk 4' });
    await row.getByText('Clear a replication conflict').waitFor();
    expect(await row.getByRole('cell').nth(3).innerText()).toBe('1/3');
    await page.getByRole('link', { name: 'Open Alice, desk 4 as trainer' }).click();
    await page.getByRole('heading', { name: 'Clear a replication conflict' }).waitFor();
    await page.getByText('Trainer', { exact: true }).waitFor();
    const wrongKey = await browser.newPage();
    await wrongKey.goto(`${server.url}/#class=not-the-key`);
    await wrongKey.getByRole('alert').getByText('XTW_ERR_SERVER_NO_CLASS').waitFor({ timeout: WAIT_MS });
  });

  it('completion: a finished lab says so to its student, and the class list shows it completed with its time', async () => {
    const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, running: false, label: 'Bob, desk 2' });
    if (!created.ok) throw new Error(created.message);
    const { id, studentToken } = created.view.meta;
    for (const action of procedureActions('procedures/add-peer.yaml')) expect(server.labs.act(id, 'student', action).ok).toBe(true);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${server.url}/#lab=${id}&token=${studentToken}`);
    const notice = page.getByRole('status', { name: 'Lab complete' });
    await notice.getByText(/^Every objective was met \d+ s after the lab started \(lab clock T\+\d\d:\d\d:\d\d\.\d{3}\)\.$/).waitFor();
    await shoot(page, 'lab-complete');
    await page.goto(`${server.url}/#class=${server.labs.classKey}`);
    const row = page.getByRole('table', { name: 'Labs in this class' }).getByRole('row').filter({ hasText: 'Bob, desk 2' });
    await row.getByRole('cell').nth(4).filter({ hasText: /^in \d+ s \(T\+\d\d:\d\d:\d\d\.\d{3}\)$/ }).waitFor();
    expect(await row.getByRole('cell').nth(3).innerText()).toBe('5/5');
    await shoot(page, 'class-list');
  });

  it('Maintenance: the peer\'s backups are listed, a new one appears, and a downgrade is refused in the product\'s words', async () => {
    const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'database-failure')!, running: false });
    if (!created.ok) throw new Error(created.message);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${server.url}/#lab=${created.view.meta.id}&token=${created.view.meta.studentToken}`);
    await page.getByRole('navigation', { name: 'Peers' }).getByRole('button', { name: /^expc02/ }).click();
    await menu(page, 'Maintenance', 'Backup and restore');
    const backups = page.getByRole('table', { name: 'Backups' }).getByRole('row');
    await backups.nth(1).waitFor();
    expect(await backups.count()).toBe(2);
    await page.getByRole('button', { name: 'Create system backup file' }).click();
    await backups.nth(2).waitFor();
    // A restore restarts the peer: it asks first.
    await page.getByRole('button', { name: /^Restore / }).first().click();
    await page.getByRole('alertdialog', { name: 'Restore expc02?' }).getByRole('button', { name: 'Cancel' }).click();
    await shoot(page, 'lab-backup');
    await menu(page, 'Maintenance', 'Upgrade');
    await page.getByLabel('Software version').fill('X8.1');
    await page.getByRole('button', { name: 'Upgrade' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/X8\.1/);
    // expc01's page offers expc02's backups for a configuration migration (DOMAIN §6.10), and says what the box keeps.
    await page.getByRole('navigation', { name: 'Peers' }).getByRole('button', { name: /^expc01/ }).click();
    await menu(page, 'Maintenance', 'Backup and restore');
    const others = page.getByRole('table', { name: 'Backups of other peers' }).getByRole('row');
    await others.nth(2).waitFor();
    expect(await others.nth(1).getByRole('cell').nth(1).innerText()).toBe('expc02');
    await shoot(page, 'lab-backup-other-peers');
    await others.nth(1).getByRole('button', { name: /^Restore / }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Restore expc01?' });
    expect(await dialog.innerText()).toMatch(/taken on expc02: expc01 keeps its own LAN1 address and option keys/);
    await shoot(page, 'lab-restore-other-box-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe.skipIf(!present)('the HTML report in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });
  afterAll(() => browser?.close());

  for (const [name, path] of [['report-add-peer', 'scenarios/procedures/add-peer.yaml'], ['report-old-primary-down', 'scenarios/procedures/change-primary-old-primary-down.yaml']] as const) {
    it(`${path}: the report opens from a file, draws its chart and legend, and fits 1,024 px without scrolling sideways`, async () => {
      const parsed = parseRunbook(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8'), path);
      if (!parsed.ok) throw new Error(`${path} does not load`);
      mkdirSync(SHOTS, { recursive: true });
      const file = `${SHOTS}${name}.html`;
      writeFileSync(file, htmlReport(runRunbook(parsed.runbook), path));
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(WAIT_MS);
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      await page.getByRole('img', { name: 'timeline of the run' }).waitFor();
      await page.getByRole('list', { name: 'legend' }).getByText('out of service').waitFor();
      // One self-contained file: the browser asks for nothing else.
      expect(requests).toEqual([`file://${file}`]);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} at ${width} px`).toBeLessThanOrEqual(width);
        await page.screenshot({ path: `${SHOTS}${name}-${width}.png`, fullPage: true });
      }
    });
  }
});
