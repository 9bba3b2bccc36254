import { alarmChanges, desiredAlarms } from './scheduler';
import type { AlarmsApi } from './platform';
import type { Snapshot } from './store';

/**
 * Makes the browser's alarms match the scheduler's plan. Run on install, on start-up (browsers may
 * drop alarms on restart), after every settings change and after every batch of checks.
 */
export async function syncAlarms(alarms: AlarmsApi, { settings, state }: Snapshot, now: number): Promise<void> {
  const changes = alarmChanges(await alarms.getAll(), desiredAlarms(settings, state));
  await Promise.all([
    ...changes.clear.map((name) => alarms.clear(name)),
    ...changes.create.map((spec) =>
      alarms.create(spec.name, {
        periodInMinutes: spec.periodInMinutes,
        when: now + spec.periodInMinutes * 60_000 + spec.jitterMs,
      }),
    ),
  ]);
}
