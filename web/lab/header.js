/**
 * The lab's top bar: title, the virtual clock (running or paused, ×speed), the grade, the skip
 * buttons everyone has, and — for the trainer — pause/run and the speed. The clock text is also
 * moved on by stream batches between summaries (`tick`).
 */
import { fill, h, uid } from '../dom.js';
import { formatClock } from '../format.js';

export const SPEEDS = [1, 10, 60, 600];
const SKIPS = [{ label: 'Skip 1 min', durationMs: 60_000 }, { label: 'Skip 5 min', durationMs: 300_000 }];

/** `onClock(running, speed)` (trainer), `onSkip(durationMs)`; both return promises. */
export function createHeader({ role, onClock, onSkip }) {
  const title = h('h1', { class: 'lab-title' });
  const clock = h('output', { class: 'clock', 'aria-label': 'Virtual clock' });
  const running = h('span', { class: 'run-state' });
  const grade = h('span', { class: 'grade', 'aria-label': 'Grade' });
  const status = h('span', { class: 'header-status', role: 'status' });
  let summary;

  const busy = async (work, doneText) => {
    fill(status, '');
    try {
      await work();
      fill(status, doneText);
    } catch (e) {
      fill(status, h('span', { class: 'tone-red' }, e.message));
    }
  };

  const controls = h('div', { class: 'clock-controls' });
  let runButton;
  let speedSelect;
  if (role === 'trainer') {
    const speedId = uid('speed');
    runButton = h('button', { type: 'button', onclick: () => busy(() => onClock(!summary.clock.running, summary.clock.speed), '') });
    speedSelect = h('select', { id: speedId, onchange: () => busy(() => onClock(summary.clock.running, Number(speedSelect.value)), '') },
      SPEEDS.map((s) => h('option', { value: s }, `×${s}`)));
    controls.append(runButton, h('label', { for: speedId }, 'Speed'), speedSelect);
  }
  for (const skip of SKIPS) {
    controls.append(h('button', { type: 'button', onclick: () => busy(() => onSkip(skip.durationMs), `${skip.label.replace('Skip', 'Skipped')}`) }, skip.label));
  }

  const el = h('header', { class: 'topbar lab-topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'brand-cisco' }, 'Cisco'), ' Expressway-C'),
    title,
    h('div', { class: 'clock-box' }, clock, running),
    controls,
    status,
    h('div', { class: 'who' }, grade, h('span', { class: `role role-${role}` }, role === 'trainer' ? 'Trainer' : 'Student')));

  return {
    el,
    update(next) {
      summary = next;
      fill(title, next.title);
      // Cut short on narrow screens; the whole title is one hover away.
      title.title = next.title;
      fill(clock, next.clock.now);
      fill(running, next.clock.running ? `Running ×${next.clock.speed}` : 'Paused');
      running.className = `run-state ${next.clock.running ? 'tone-green' : 'tone-amber'}`;
      fill(grade, `${next.grade.met}/${next.grade.total} objectives`);
      if (runButton) fill(runButton, next.clock.running ? 'Pause' : 'Run');
      if (speedSelect && document.activeElement !== speedSelect) speedSelect.value = String(next.clock.speed);
    },
    /** a newer virtual time from the event stream */
    tick(nowMs) {
      if (summary && nowMs > summary.clock.nowMs) fill(clock, formatClock(nowMs));
    },
  };
}
