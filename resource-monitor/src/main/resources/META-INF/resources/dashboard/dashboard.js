// The dashboard: every number comes from this service's own endpoints (never from Prometheus directly).
const charts = new Map();
let settings;

const $ = (selector, root = document) => root.querySelector(selector);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  }
  return node;
}

async function getJson(path, headers = {}) {
  const response = await fetch(path, { headers: { Accept: 'application/json', ...headers } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.detail || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function format(value, unit) {
  if (value === null || value === undefined) return '–';
  if (unit === 'ratio') return `${(value * 100).toFixed(1)} %`;
  if (unit === 's') return value < 1 ? `${(value * 1000).toFixed(1)} ms` : `${value.toFixed(2)} s`;
  if (unit === 'bytes/s') {
    if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB/s`;
    return value >= 1e3 ? `${(value / 1e3).toFixed(1)} kB/s` : `${Math.round(value)} B/s`;
  }
  if (unit === 'bytes') {
    if (value >= 1e9) return `${(value / 1e9).toFixed(2)} GB`;
    return value >= 1e6 ? `${(value / 1e6).toFixed(1)} MB` : `${(value / 1e3).toFixed(1)} kB`;
  }
  return `${Number(value.toPrecision(3))}${unit ? ' ' + unit : ''}`;
}

function buildPanels() {
  const container = $('#panels');
  for (const panel of settings.panels) {
    const section = el('section', { id: `panel-${panel.id}`, 'data-panel': panel.id, 'data-state': 'loading', 'data-points': '0' },
      el('h2', {}, panel.title, ' ', el('small', {}, panel.unit)),
      el('div', { class: 'chart' }),
      el('p', { class: 'status' }, 'loading…'));
    container.append(section);
    const chart = echarts.init($('.chart', section), null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 60, right: 16, top: 28, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => format(v, panel.unit) },
      legend: { type: 'scroll', top: 0 },
      xAxis: { type: 'time', splitNumber: 4 },
      yAxis: { type: 'value', axisLabel: { formatter: (v) => format(v, panel.unit) } },
      series: [],
    });
    charts.set(panel.id, { chart, section, panel });
  }
  window.addEventListener('resize', () => charts.forEach(({ chart }) => chart.resize()));
}

// the latency chart mixes p99s with means for services without buckets: the legend says which is not a p99
function legendName(series) {
  const stat = series.labels && series.labels.stat;
  return stat && stat !== 'p99' ? `${series.name} (${stat})` : series.name;
}

async function refreshPanel({ chart, section, panel }) {
  const range = $('#range').value;
  const status = $('.status', section);
  try {
    const data = await getJson(`v1/dashboard/series?panel=${encodeURIComponent(panel.id)}&range=${encodeURIComponent(range)}`);
    const points = data.series.reduce((n, s) => n + s.points.filter((p) => p[1] !== null).length, 0);
    chart.setOption({
      // the whole requested window, not just the span that has data
      xAxis: { min: Date.parse(data.start), max: Date.parse(data.end) },
      series: data.series.map((s) => ({ name: legendName(s), type: 'line', showSymbol: false, connectNulls: false, data: s.points })),
    }, { replaceMerge: ['series'] });
    section.dataset.points = String(points);
    section.dataset.series = String(data.series.length);
    section.dataset.state = points > 0 ? 'ok' : 'empty';
    status.textContent = points > 0 ? '' : 'no data in this range (is the service scraped?)';
    return 'up';
  } catch (e) {
    section.dataset.state = e.status === 503 ? 'unreachable' : 'error';
    status.textContent = e.message;
    return e.status === 503 ? 'unreachable' : 'error';
  }
}

function jaegerLinkForAlert(alert) {
  if (!settings.jaegerUrl) return null;
  const base = settings.jaegerUrl.replace(/\/$/, '');
  const traceId = alert.annotations?.traceId || alert.annotations?.trace_id || alert.labels?.traceId || alert.labels?.trace_id;
  if (traceId && /^([0-9a-f]{16}|[0-9a-f]{32})$/.test(traceId)) return `${base}/trace/${traceId}`;
  const service = alert.labels?.service || alert.labels?.job;
  if (!service) return null;
  const micros = (ms) => Math.round(ms * 1000);
  const start = (alert.activeAt ? Date.parse(alert.activeAt) : Date.now()) - 5 * 60 * 1000;
  return `${base}/search?service=${encodeURIComponent(service)}&start=${micros(start)}&end=${micros(Date.now())}&lookback=custom&limit=20`;
}

async function refreshAlerts() {
  const section = $('#alerts');
  const body = $('tbody', section);
  try {
    const data = await getJson('v1/alerts');
    const active = data.alerts.filter((a) => a.state === 'firing' || a.state === 'pending')
      .sort((a, b) => (a.state === b.state ? a.rule.localeCompare(b.rule) : a.state === 'firing' ? -1 : 1));
    body.replaceChildren(...active.map((a) => {
      const link = jaegerLinkForAlert(a);
      const labels = Object.entries(a.labels).filter(([k]) => k !== 'alertname')
        .map(([k, v]) => el('span', { class: 'label' }, `${k}=${v}`));
      return el('tr', { 'data-rule': a.rule, 'data-state': a.state },
        el('td', {}, el('span', { class: `state ${a.state}` }, a.state)),
        el('td', {}, a.rule, a.inhibited ? ' (inhibited)' : '', a.silencedBy?.length ? ' (silenced)' : ''),
        el('td', {}, ...labels),
        el('td', {}, a.annotations?.summary || a.annotations?.description || ''),
        el('td', {}, a.activeAt ? new Date(a.activeAt).toLocaleTimeString() : ''),
        el('td', {}, Number.isFinite(a.value) ? String(Number(a.value.toPrecision(4))) : ''),
        el('td', {}, link ? el('a', { href: link, target: '_blank', rel: 'noopener', class: 'trace-link' }, 'Jaeger') : ''));
    }));
    section.dataset.state = 'ok';
    section.dataset.count = String(active.length);
    $('.status', section).textContent = active.length ? '' : 'no alert is pending or firing';
  } catch (e) {
    section.dataset.state = 'error';
    $('.status', section).textContent = `alerts unavailable: ${e.message}`;
  }
}

async function refreshScaling() {
  const section = $('#scaling');
  const body = $('tbody', section);
  try {
    const data = await getJson('v1/dashboard/scaling');
    section.dataset.state = data.status;
    const rows = [];
    const notes = [];
    for (const policy of data.policies) {
      if (policy.error) notes.push(`${policy.policy}: ${policy.error}`);
      for (const d of policy.decisions) {
        rows.push(el('tr', { 'data-policy': policy.policy },
          el('td', {}, new Date(d.time).toLocaleTimeString()),
          el('td', {}, policy.policy),
          el('td', {}, d.mode ?? ''),
          el('td', {}, d.from === d.to ? String(d.to) : `${d.from} → ${d.to}`),
          el('td', {}, d.reason ?? ''),
          el('td', {}, d.message ?? '')));
      }
    }
    body.replaceChildren(...rows);
    const status = {
      unconfigured: 'no autoscaler configured (monitor.dashboard.autoscaler.url and .policies)',
      unreachable: `autoscaler unreachable: ${data.error ?? ''}`,
    }[data.status];
    $('.status', section).textContent = status ?? (notes.join('; ') || (rows.length ? '' : 'no decisions yet'));
  } catch (e) {
    section.dataset.state = 'error';
    $('.status', section).textContent = `scaling decisions unavailable: ${e.message}`;
  }
}

async function refreshSlowQueries() {
  const section = $('#slow-queries');
  const body = $('tbody', section);
  const key = $('#api-key').value.trim();
  if (!settings.slowQueriesConfigured) {
    section.dataset.state = 'unconfigured';
    $('.status', section).textContent = 'no query-router configured (monitor.dashboard.query-router.url)';
    return;
  }
  if (!key) {
    section.dataset.state = 'locked';
    body.replaceChildren();
    $('.status', section).textContent = 'the slow-query log shows other clients\u2019 SQL: enter an admin API key above';
    return;
  }
  try {
    const data = await getJson('v1/dashboard/slow-queries', { 'X-API-Key': key });
    section.dataset.state = data.status;
    body.replaceChildren(...data.queries.map((q) => el('tr', {},
      el('td', {}, `${q.durationMs} ms`),
      el('td', {}, q.node ?? ''),
      el('td', {}, q.route ?? ''),
      el('td', { class: 'sql' }, q.sql ?? ''),
      el('td', {}, q.traceUrl ? el('a', { href: q.traceUrl, target: '_blank', rel: 'noopener', class: 'trace-link' }, 'Jaeger') : ''))));
    $('.status', section).textContent = data.status === 'unreachable' ? `query-router unreachable: ${data.error ?? ''}`
      : (data.queries.length ? '' : 'no slow queries');
  } catch (e) {
    section.dataset.state = e.status === 401 || e.status === 403 ? 'locked' : 'error';
    $('.status', section).textContent = e.message;
  }
}

async function refresh() {
  const states = await Promise.all([...charts.values()].map(refreshPanel));
  const prometheus = $('#prometheus');
  const state = states.includes('unreachable') ? 'unreachable' : states.includes('error') ? 'error' : 'up';
  prometheus.dataset.state = state;
  prometheus.textContent = `Prometheus: ${state}`;
  await Promise.all([refreshAlerts(), refreshScaling(), refreshSlowQueries()]);
  $('#updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
}

async function start() {
  const key = sessionStorage.getItem('perfsuite-monitor-key');
  if (key) $('#api-key').value = key;
  $('#api-key').addEventListener('change', (e) => {
    sessionStorage.setItem('perfsuite-monitor-key', e.target.value.trim());
    refreshSlowQueries();
  });
  $('#range').addEventListener('change', refresh);
  settings = await getJson('v1/dashboard/settings');
  buildPanels();
  await refresh();
  setInterval(refresh, settings.refreshSeconds * 1000);
}

start();
