import { createContext } from '../../../src/local/emulator/context';
import { LogService } from '../../../src/local/emulator/services/logger';

describe('Logger and console (reference: Class Logger, Class console)', () => {
  test('Logger.log(format, ...values) fills %s; getLog returns Logger lines; console joins the same log', () => {
    const ctx = createContext('owner@example.com', Date.parse('2026-03-02T01:00:00Z'));
    const log = new LogService(ctx);
    const { logger: Logger, console } = log;
    Logger.log('Sent %s of %s', 2, 3).log({ a: 1 });
    console.log('count', 1);
    console.warn('careful');
    console.time('tier');
    ctx.clock.advance(250);
    console.timeEnd('tier');
    expect(Logger.getLog()).toBe('Sent 2 of 3\n{"a":1}');
    expect(log._lines().map((l) => [l.source, l.level, l.message])).toEqual([
      ['Logger', 'log', 'Sent 2 of 3'],
      ['Logger', 'log', '{"a":1}'],
      ['console', 'log', 'count 1'],
      ['console', 'warn', 'careful'],
      ['console', 'log', 'tier: 250ms'],
    ]);
    Logger.clear();
    expect(Logger.getLog()).toBe('');
    expect(log._lines()).toHaveLength(3);
    // Logger is an Apps Script class and is counted; console is not.
    expect(ctx.counter.snapshot().calls).toEqual({ 'Logger.log': 2, 'Logger.getLog': 2, 'Logger.clear': 1 });
  });
});
