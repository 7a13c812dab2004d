import { appMetrics, MemoryMetrics, noopMetrics, seriesKey } from '../../src/ops/metrics';

describe('metrics', () => {
  it('records nothing by default, and costs nothing to call', () => {
    const metrics = appMetrics(noopMetrics);
    expect(() => {
      metrics.demoRuns.inc({ demo: 'lifecycle', outcome: 'ok' });
      metrics.demoDuration.observe(1.2, { demo: 'lifecycle' });
      metrics.sandboxUp.set(1);
    }).not.toThrow();
  });

  it('names every series by metric and labels, in memory for tests', () => {
    const memory = new MemoryMetrics();
    const metrics = appMetrics(memory);
    metrics.tipPosts.inc({ outcome: 'posted' });
    metrics.tipPosts.inc({ outcome: 'posted' });
    metrics.demosRunning.set(3);
    metrics.demoDuration.observe(0.5, { demo: 'diff' });
    expect(memory.value('dx_tip_posts_total', { outcome: 'posted' })).toBe(2);
    expect(memory.value('dx_tip_posts_total', { outcome: 'gone' })).toBe(0);
    expect(memory.value('dx_demos_running')).toBe(3);
    expect(memory.observations.get('dx_demo_duration_seconds{demo="diff"}')).toEqual([0.5]);
    expect(seriesKey('x', { b: '2', a: '1' })).toBe('x{a="1",b="2"}');
  });
});
