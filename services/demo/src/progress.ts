/**
 * One line per phase: `name  done/total unit  rate/s  seconds`, rewritten in place on a terminal
 * (at most ten times a second) and printed once, finished, when the output is a pipe or a file.
 */

export interface Output {
  line(text: string): void;
}

export const stdoutOutput: Output = { line: (text) => process.stdout.write(`${text}\n`) };

export interface Phase {
  /** Adds `count` done items (default 1). */
  tick(count?: number): void;
  /** Sets a note shown after the counts, e.g. "12 in review". */
  note(text: string): void;
  /** Ends the phase and prints its final line. */
  done(summary?: string): number;
}

const formatRate = (count: number, seconds: number) => {
  const rate = seconds > 0 ? count / seconds : 0;
  return rate >= 100 ? `${Math.round(rate)}/s` : `${rate.toFixed(1)}/s`;
};

export function createProgress(output: Output, interactive: boolean) {
  const phases: { name: string; count: number; seconds: number }[] = [];

  function phase(name: string, unit: string, total?: number): Phase {
    const started = performance.now();
    let count = 0;
    let note = '';
    let lastDrawn = 0;
    const render = (summary?: string) => {
      const seconds = (performance.now() - started) / 1000;
      const counts = total === undefined ? `${count}` : `${count}/${total}`;
      const tail = summary ?? note;
      return `  ${name.padEnd(14)} ${`${counts} ${unit}`.padEnd(30)} ${formatRate(count, seconds).padStart(8)}  ${seconds.toFixed(1).padStart(5)} s${tail ? `  ${tail}` : ''}`;
    };
    const draw = () => {
      if (!interactive) return;
      const now = performance.now();
      if (now - lastDrawn < 100) return;
      lastDrawn = now;
      process.stdout.write(`\r\x1b[2K${render()}`);
    };
    draw();
    return {
      tick(added = 1) {
        count += added;
        draw();
      },
      note(text) {
        note = text;
        draw();
      },
      done(summary) {
        const seconds = (performance.now() - started) / 1000;
        if (interactive) process.stdout.write('\r\x1b[2K');
        output.line(render(summary));
        phases.push({ name, count, seconds });
        return count;
      },
    };
  }

  return { phase, phases: () => phases };
}

export type Progress = ReturnType<typeof createProgress>;
