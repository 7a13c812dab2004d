/**
 * The metrics port: counters, histograms and gauges with labels, as Prometheus models them. The app records
 * through it and never imports a metrics library; the default records nothing. Issue 12's prom-client
 * implementation (and /metrics on the operations server) plugs in at the composition root.
 */
export type MetricLabels = Record<string, string>;

export interface Counter {
  inc(labels?: MetricLabels, by?: number): void;
}

export interface Histogram {
  /** One observation, in the histogram's unit (seconds for durations). */
  observe(value: number, labels?: MetricLabels): void;
}

export interface Gauge {
  set(value: number, labels?: MetricLabels): void;
}

export interface MetricSpec {
  name: string;
  help: string;
  labelNames?: readonly string[];
}

export interface Metrics {
  counter(spec: MetricSpec): Counter;
  histogram(spec: MetricSpec & { buckets?: readonly number[] }): Histogram;
  gauge(spec: MetricSpec): Gauge;
}

/** Records nothing: the default until a real implementation is plugged in. */
export const noopMetrics: Metrics = {
  counter: () => ({ inc: () => undefined }),
  histogram: () => ({ observe: () => undefined }),
  gauge: () => ({ set: () => undefined }),
};

/**
 * Every metric the app records, made once from a Metrics at start-up so names, help and labels live in one
 * place. The names follow the list of issue 12; parts record into the ones they own.
 */
export function appMetrics(metrics: Metrics = noopMetrics) {
  return {
    commands: metrics.counter({
      name: 'dx_commands_total',
      help: '/docker commands by verb',
      labelNames: ['verb'],
    }),
    questions: metrics.counter({
      name: 'dx_questions_total',
      help: 'Questions answered, by confidence tier',
      labelNames: ['tier'],
    }),
    votes: metrics.counter({ name: 'dx_votes_total', help: 'Votes on answers', labelNames: ['helpful'] }),
    demoRuns: metrics.counter({
      name: 'dx_demo_runs_total',
      help: 'Demo runs by demo and outcome',
      labelNames: ['demo', 'outcome'],
    }),
    demoDuration: metrics.histogram({
      name: 'dx_demo_duration_seconds',
      help: 'How long demo runs took, cleanup included',
      labelNames: ['demo'],
      buckets: [0.5, 1, 2, 5, 10, 20, 40],
    }),
    demosRunning: metrics.gauge({ name: 'dx_demos_running', help: 'Demos running now' }),
    demosQueued: metrics.gauge({ name: 'dx_demos_queued', help: 'Demos waiting for a slot' }),
    playgroundCommands: metrics.counter({
      name: 'dx_playground_commands_total',
      help: '/docker try commands by verb and outcome (ok, error, refused, rate_limited, unavailable…)',
      labelNames: ['verb', 'outcome'],
    }),
    sandboxUp: metrics.gauge({
      name: 'dx_sandbox_up',
      help: '1 when the sandbox engine answered last time, per engine (its address)',
      labelNames: ['engine'],
    }),
    engineDemosStarted: metrics.counter({
      name: 'dx_engine_demos_started_total',
      help: 'Demos started, per sandbox engine',
      labelNames: ['engine'],
    }),
    engineDemosRunning: metrics.gauge({
      name: 'dx_engine_demos_running',
      help: 'Demos running now, per sandbox engine',
      labelNames: ['engine'],
    }),
    engineSlotsInUse: metrics.gauge({
      name: 'dx_engine_slots_in_use',
      help: 'Slots taken by demos and playground commands, per sandbox engine (each has DEMO_CONCURRENCY)',
      labelNames: ['engine'],
    }),
    tipPosts: metrics.counter({
      name: 'dx_tip_posts_total',
      help: 'Daily tip deliveries by outcome',
      labelNames: ['outcome'],
    }),
    slackCalls: metrics.counter({
      name: 'dx_slack_api_calls_total',
      help: 'Slack Web API calls by method and outcome (429s as rate_limited)',
      labelNames: ['method', 'outcome'],
    }),
    eventsDropped: metrics.counter({ name: 'dx_events_dropped_total', help: 'Retried Slack events dropped' }),
  };
}

export type AppMetrics = ReturnType<typeof appMetrics>;

/** A Metrics that keeps every value in memory, by name and labels: for tests of what parts record. */
export class MemoryMetrics implements Metrics {
  readonly values = new Map<string, number>();
  readonly observations = new Map<string, number[]>();

  /** The value of a counter or gauge for exactly these labels (0 when never recorded). */
  value(name: string, labels: MetricLabels = {}): number {
    return this.values.get(seriesKey(name, labels)) ?? 0;
  }

  counter(spec: MetricSpec): Counter {
    return {
      inc: (labels = {}, by = 1) => {
        const key = seriesKey(spec.name, labels);
        this.values.set(key, (this.values.get(key) ?? 0) + by);
      },
    };
  }

  histogram(spec: MetricSpec): Histogram {
    return {
      observe: (value, labels = {}) => {
        const key = seriesKey(spec.name, labels);
        this.observations.set(key, [...(this.observations.get(key) ?? []), value]);
      },
    };
  }

  gauge(spec: MetricSpec): Gauge {
    return { set: (value, labels = {}) => this.values.set(seriesKey(spec.name, labels), value) };
  }
}

/** `name{a="1",b="2"}`, labels sorted, as Prometheus names a series. */
export function seriesKey(name: string, labels: MetricLabels): string {
  const pairs = Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return pairs.length ? `${name}{${pairs.join(',')}}` : name;
}
