// TEMPORARY diagnosis (not to be committed)
import { writeFileSync } from 'node:fs';
const lines: string[] = [];
const file = process.env.POPBIFF_DIAG_FILE;
export function mark(label: string, id = ''): void {
  if (!file) return;
  lines.push(`${(performance.timeOrigin + performance.now()).toFixed(1)} host ${process.pid} ${label} ${id}`);
}
if (file) process.on('exit', () => writeFileSync(file, `${lines.join('\n')}\n`, { flag: 'a' }));
