// Storage Ledger dashboard: reads the ledger's JSON API with the visitor's own credentials, which live in this
// script's memory only (never in storage or cookies). Builds every element with the DOM (no HTML strings), so the
// page runs under a Content-Security-Policy that allows no inline script or style and no string-taking DOM sink.
'use strict';

(() => {
  const STATES = ['normal', 'nearing', 'critical', 'exceeded'];
  const SVG = 'http://www.w3.org/2000/svg';
  const RANGES = {
    day: { label: 'Last day', query: () => ({}) },
    month: { label: 'Last month', query: () => ({ from: daysAgo(31), step: 'P1D' }) },
    months15: { label: 'Last 15 months', query: () => ({ from: daysAgo(458), step: 'P1D' }) },
  };
  // How many customers' histories the platform's history adds up, at most.
  const PLATFORM_HISTORY_CUSTOMERS = 100;

  /** Who is signed in: { kind: 'admin' | 'key' | 'user', authorization, refreshToken?, customer?, user?, roles? }. */
  let session = null;
  /** What the view shows now, to draw it again on Refresh: a function of no argument. */
  let current = null;
  /** Counts views drawn, so that an answer for a view no longer shown is dropped. */
  let generation = 0;

  const $ = (id) => document.getElementById(id);

  // ---- the DOM ----------------------------------------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    setAttributes(element, attributes);
    append(element, children);
    return element;
  }

  function svg(tag, attributes, ...children) {
    const element = document.createElementNS(SVG, tag);
    setAttributes(element, attributes);
    append(element, children);
    return element;
  }

  function setAttributes(element, attributes) {
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name === 'text') {
        element.textContent = String(value);
      } else if (name === 'onclick' || name === 'onchange') {
        element.addEventListener(name.substring(2), value);
      } else {
        element.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }

  function append(element, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) {
        continue;
      }
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  // ---- figures ----------------------------------------------------------------------------------------------------

  /** JSON whose integers past 2^53 stay exact (as BigInt), so exact bytes are exact whatever their size. */
  function parseJson(text) {
    return JSON.parse(text, (key, value, context) => {
      if (typeof value === 'number' && !Number.isSafeInteger(value) && context && /^-?\d+$/.test(context.source)) {
        return BigInt(context.source);
      }
      return value;
    });
  }

  const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

  /** A size in binary units (1 KiB = 1024 bytes). */
  function binary(bytes) {
    let value = Number(bytes);
    let unit = 0;
    while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    if (unit === 0) {
      return value + (value === 1 ? ' byte' : ' bytes');
    }
    return value.toLocaleString(undefined, { maximumFractionDigits: value < 10 ? 2 : 1 }) + ' ' + UNITS[unit];
  }

  function exact(bytes) {
    return bytes.toLocaleString() + ' bytes';
  }

  /** A size in binary units, its exact bytes on hover (and for assistive technology, in its title). */
  function size(bytes) {
    if (bytes === null || bytes === undefined) {
      return el('span', { class: 'muted', text: 'none' });
    }
    return el('span', { class: 'size', title: exact(bytes), 'data-bytes': String(bytes), text: binary(bytes) });
  }

  function count(value) {
    return el('span', { 'data-value': String(value), text: value.toLocaleString() });
  }

  /** An instant in the visitor's time zone, the exact instant in its datetime and title. */
  function time(instant) {
    if (!instant) {
      return el('span', { class: 'muted', text: 'never' });
    }
    const date = new Date(instant);
    return el('time', { datetime: instant, title: instant, text: date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) });
  }

  function percent(fraction) {
    return (Number(fraction) * 100).toLocaleString(undefined, { maximumFractionDigits: 1 }) + '%';
  }

  /** A state, in its colour and in words. */
  function state(name) {
    const known = STATES.includes(name) ? name : 'normal';
    return el('span', { class: 'state state-' + known, 'data-state': name, text: name });
  }

  /** A bar of what is used against a maximum, coloured by state, with its figures in words for assistive technology. */
  function meter(used, maximum, stateName, label) {
    const fraction = Number(maximum) > 0 ? Math.min(1, Number(used) / Number(maximum)) : (Number(used) > 0 ? 1 : 0);
    const bar = el('span');
    bar.style.width = (fraction * 100).toFixed(2) + '%';
    return el('div', {
      class: 'meter' + (stateName ? ' state-' + stateName : ''), role: 'meter', 'aria-label': label,
      'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(fraction * 100),
      'aria-valuetext': percent(fraction) + ' used',
    }, bar);
  }

  /** An ISO 8601 step in words: P1D a day, PT1H an hour, PT1S a second, else as it is written. */
  function stepName(step) {
    const names = { P1D: 'day', PT1H: 'hour', PT1M: 'minute', PT1S: 'second' };
    return names[step] || step;
  }

  function daysAgo(days) {
    return new Date(Date.now() - days * 86400000).toISOString();
  }

  // ---- the API ----------------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  /** GET (or another method) of the API with the visitor's credentials; answers the parsed JSON. */
  async function api(path, options = {}) {
    const headers = { Accept: 'application/json' };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (options.authorization !== undefined ? options.authorization : session && session.authorization) {
      headers.Authorization = options.authorization !== undefined ? options.authorization : session.authorization;
    }
    // credentials 'omit': no cookie, and no browser prompt for a refused Basic challenge.
    const response = await fetch(path, {
      method: options.method || 'GET', headers, credentials: 'omit', cache: 'no-store', redirect: 'error',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body = null;
    try {
      body = text ? parseJson(text) : null;
    } catch (e) {
      body = null;
    }
    if (response.status === 401 && session && session.refreshToken && !options.retried && options.authorization === undefined) {
      if (await refresh()) {
        return api(path, Object.assign({}, options, { retried: true }));
      }
    }
    if (!response.ok) {
      const detail = body && (body.detail || body.msg || body.title);
      throw new ApiError(response.status, detail ? String(detail) : 'HTTP ' + response.status);
    }
    return body;
  }

  /** Cloudreve's envelope: HTTP 200 whatever happened, the outcome in "code". */
  async function cloudreve(path, options) {
    const answer = await api(path, options);
    if (!answer || answer.code !== 0) {
      throw new ApiError(answer ? answer.code : 0, answer && answer.msg ? answer.msg : 'refused');
    }
    return answer.data;
  }

  async function refresh() {
    try {
      const data = await cloudreve('/api/v4/session/token/refresh', {
        method: 'POST', body: { refresh_token: session.refreshToken }, authorization: null, retried: true,
      });
      session.authorization = 'Bearer ' + data.token.access_token;
      session.refreshToken = data.token.refresh_token;
      return true;
    } catch (e) {
      return false;
    }
  }

  function query(parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
      if (value !== undefined && value !== null && value !== '') {
        search.set(name, value);
      }
    }
    const text = search.toString();
    return text ? '?' + text : '';
  }

  /** The claims of a JWT, read only to know whose token it is (the API checks it; this page trusts nothing in it). */
  function claims(token) {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload.padEnd(payload.length + (4 - payload.length % 4) % 4, '=')));
  }

  // ---- signing in and out -----------------------------------------------------------------------------------------

  function showMethod() {
    const key = document.querySelector('input[name="method"][value="key"]').checked;
    $('key-fields').hidden = !key;
    $('password-fields').hidden = key;
  }

  async function signIn(event) {
    event.preventDefault();
    const error = $('login-error');
    error.textContent = '';
    $('sign-in').disabled = true;
    try {
      if (document.querySelector('input[name="method"][value="key"]').checked) {
        await signInWithKey($('key').value.trim(), $('secret').value, $('customer').value.trim());
      } else {
        await signInWithPassword($('email').value.trim(), $('password').value);
      }
      $('password').value = '';
      $('secret').value = '';
      signedIn();
    } catch (e) {
      session = null;
      error.textContent = e.message;
    } finally {
      $('sign-in').disabled = false;
    }
  }

  async function signInWithPassword(email, password) {
    if (!email || !password) {
      throw new Error('Enter your email and password.');
    }
    let data;
    try {
      data = await cloudreve('/api/v4/session/token', { method: 'POST', body: { email, password }, authorization: null });
    } catch (e) {
      throw new Error('Signing in failed: ' + e.message);
    }
    const token = data.token.access_token;
    const { customer, sub } = claims(token);
    session = { kind: 'user', authorization: 'Bearer ' + token, refreshToken: data.token.refresh_token, customer, user: sub };
    const user = await api('/customers/' + customer + '/users/' + encodeURIComponent(sub));
    session.roles = user.roles || [];
    session.name = user.name || user.email || sub;
  }

  async function signInWithKey(key, secret, customer) {
    if (!key || !secret) {
      throw new Error('Enter the key and its secret.');
    }
    if (customer && !/^[1-9][0-9]{0,9}$/.test(customer)) {
      throw new Error('The customer number is a whole number from 1.');
    }
    const authorization = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(key + ':' + secret)));
    try {
      if (customer) {
        await api('/customers/' + customer, { authorization });
        session = { kind: 'key', authorization, customer: Number(customer), name: 'key ' + key };
      } else {
        await api('/customers' + query({ pageSize: 1 }), { authorization });
        session = { kind: 'admin', authorization, name: 'the administrator (' + key + ')' };
      }
    } catch (e) {
      if (e.status === 401) {
        throw new Error('This key and secret are not valid.');
      }
      if (e.status === 403) {
        throw new Error(customer ? 'This key is not a key of customer ' + customer + '.'
          : 'This is a customer\'s key: enter its customer number.');
      }
      throw new Error('Signing in failed: ' + e.message);
    }
  }

  function signedIn() {
    $('login').hidden = true;
    $('view').hidden = false;
    $('logout').hidden = false;
    $('refresh').hidden = false;
    const who = $('who');
    who.hidden = false;
    who.textContent = 'Signed in as ' + session.name;
    if (session.kind === 'admin') {
      show(adminView);
    } else if (session.kind === 'key' || session.roles.includes('organisationAdministrator')) {
      show(() => organisationView(session.customer));
    } else {
      show(() => originatorView(session.customer, session.user));
    }
  }

  /** Forgets the credentials and everything shown. */
  function logOut() {
    session = null;
    current = null;
    generation++;
    $('view').replaceChildren();
    $('view').hidden = true;
    $('who').textContent = '';
    $('who').hidden = true;
    $('logout').hidden = true;
    $('refresh').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = '';
    $('email').value = '';
    $('password').value = '';
    $('key').value = '';
    $('secret').value = '';
    $('customer').value = '';
    $('login-title').focus();
  }

  /** Draws a view, and keeps it to draw again on Refresh. */
  async function show(view, keepFocus) {
    current = view;
    const mine = ++generation;
    const container = $('view');
    container.setAttribute('aria-busy', 'true');
    try {
      const content = await view();
      if (mine !== generation) {
        return;
      }
      container.replaceChildren(content);
    } catch (e) {
      if (mine !== generation) {
        return;
      }
      container.replaceChildren(el('p', { class: 'error', role: 'alert', text: 'The ledger refused or failed: ' + e.message }));
    } finally {
      if (mine === generation) {
        container.setAttribute('aria-busy', 'false');
      }
    }
    if (!keepFocus) {
      const heading = container.querySelector('h1');
      if (heading) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
    }
  }

  // ---- pieces of views --------------------------------------------------------------------------------------------

  function table(caption, columns, rows, attributes) {
    const head = el('tr', null, columns.map((column) => el('th', { scope: 'col', class: column.number ? 'number' : null, text: column.title })));
    const body = rows.length === 0
      ? [el('tr', null, el('td', { colspan: columns.length, class: 'muted', text: 'None.' }))]
      : rows.map((row) => el('tr', row.attributes || null, columns.map((column, index) => el('td', { class: column.number ? 'number' : null }, row.cells[index]))));
    return el('div', Object.assign({ class: 'table-wrap', role: 'region', tabindex: 0, 'aria-label': caption }, attributes || {}),
      el('table', null, el('caption', { text: caption }), el('thead', null, head), el('tbody', null, body)));
  }

  /** A card per limit of a scope's quota (GET {scope}/quota). */
  function limits(quota, names) {
    if (!quota.limits || quota.limits.length === 0) {
      return el('p', { class: 'muted', text: 'No limit applies.' });
    }
    return el('div', { class: 'cards' }, quota.limits.map((limit) => {
      const bytes = limit.limit !== 'numberOfStoredImages';
      const figure = (value) => (bytes ? size(value) : count(value));
      const title = names[limit.limit] || limit.limit;
      return el('div', { class: 'card limit', 'data-limit': limit.limit },
        el('h3', { text: title }),
        el('p', null, el('span', { class: 'figure used' }, figure(limit.used)), ' of ', el('span', { class: 'maximum' }, figure(limit.maximum)), ' ', state(limit.state)),
        meter(BigInt(limit.used) + BigInt(limit.reserved), limit.maximum, limit.state, title + ': stored and reserved against the maximum'),
        el('p', null, 'Reserved ', figure(limit.reserved), ', remaining ', figure(limit.remaining), ', ', percent(limit.fractionUsed), ' taken.'),
        el('p', null, limit.forecastFull ? ['Full around ', time(limit.forecastFull), ' at the recent rate.'] : 'Not filling at the recent rate.'));
    }));
  }

  /**
   * The history chart of one figure: a line through its points (hand-written SVG), and the same points as a table.
   * {@code series} is [{ at, value }], oldest first.
   */
  function historyChart(series, label, bytes, history) {
    // As wide as the page's column (at most 960), so that its text keeps its size on a narrow screen.
    const width = Math.round(Math.max(300, Math.min(960, $('view').clientWidth || 640)));
    const height = 220;
    const left = 72;
    const right = 16;
    const top = 12;
    const bottom = 40;
    const values = series.map((point) => Number(point.value));
    const times = series.map((point) => Date.parse(point.at));
    const maximum = Math.max(1, ...values);
    const first = times.length ? times[0] : Date.now();
    const last = times.length ? times[times.length - 1] : first;
    const x = (at) => left + (last === first ? 0 : (at - first) / (last - first)) * (width - left - right);
    const y = (value) => top + (1 - value / maximum) * (height - top - bottom);
    const format = (value) => (bytes ? binary(value) : Number(value).toLocaleString());
    const chart = svg('svg', {
      class: 'chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      'aria-label': label + ': ' + series.length + ' points' + (series.length ? ', from ' + format(values[0]) + ' to ' + format(values[values.length - 1]) : ''),
    });
    for (const fraction of [0, 0.5, 1]) {
      const at = y(maximum * fraction);
      chart.append(svg('line', { class: 'grid', x1: left, x2: width - right, y1: at, y2: at }));
      chart.append(svg('text', { class: 'axis', x: left - 6, y: at + 4, 'text-anchor': 'end', text: format(maximum * fraction) }));
    }
    if (series.length) {
      const dateFormat = { dateStyle: 'short', timeStyle: last - first < 3600000 ? 'medium' : 'short' };
      chart.append(svg('text', { class: 'axis', x: left, y: height - 12, text: new Date(first).toLocaleString(undefined, dateFormat) }));
      chart.append(svg('text', { class: 'axis', x: width - right, y: height - 12, 'text-anchor': 'end', text: new Date(last).toLocaleString(undefined, dateFormat) }));
      chart.append(svg('polyline', { class: 'series', points: series.map((point, i) => x(times[i]).toFixed(1) + ',' + y(values[i]).toFixed(1)).join(' ') }));
      if (series.length <= 400) {
        series.forEach((point, i) => chart.append(svg('circle', { class: 'point', cx: x(times[i]).toFixed(1), cy: y(values[i]).toFixed(1), r: 2.5 },
          svg('title', { text: new Date(times[i]).toLocaleString() + ': ' + format(values[i]) }))));
      }
    }
    // The table is made when it is first opened: a day of short steps holds thousands of points.
    const details = el('details', null, el('summary', { text: 'The points as a table' }));
    details.addEventListener('toggle', () => {
      if (details.open && !details.querySelector('table')) {
        const rows = series.map((point) => ({
          attributes: { class: 'history-point', 'data-at': point.at, 'data-value': String(point.value) },
          cells: [time(point.at), bytes ? size(point.value) : count(point.value)],
        }));
        details.append(table(label, [{ title: 'At' }, { title: bytes ? 'Size' : 'Count', number: true }], rows));
      }
    });
    return el('figure', { class: 'history', 'data-points': series.length },
      chart,
      el('figcaption', { class: 'muted' }, label, history ? [' from ', time(history.from), ' to ', time(history.to), ', a point every ', stepName(history.step), ' (', history.step, ').'] : ''),
      details);
  }

  /** A range selector and the chart it redraws: {@code load(query)} answers { series, history }. */
  function historySection(title, label, bytes, load) {
    const holder = el('div', { class: 'chart-holder' });
    const select = el('select', { id: 'range' }, Object.entries(RANGES).map(([value, range]) => el('option', { value, text: range.label })));
    const draw = async () => {
      holder.setAttribute('aria-busy', 'true');
      try {
        const { series, history } = await load(RANGES[select.value].query());
        holder.replaceChildren(historyChart(series, label, bytes, history));
      } catch (e) {
        holder.replaceChildren(el('p', { class: 'error', role: 'alert', text: 'The history could not be read: ' + e.message }));
      } finally {
        holder.setAttribute('aria-busy', 'false');
      }
    };
    select.addEventListener('change', draw);
    const section = el('section', { 'aria-labelledby': 'history-title' },
      el('h2', { id: 'history-title', text: title }),
      el('div', { class: 'toolbar' }, el('label', { for: 'range', text: 'Range' }), select),
      holder);
    section.ready = draw();
    return section;
  }

  async function historyOf(scopePath, parameters, figure) {
    const history = await api(scopePath + '/storage/history' + query(parameters));
    return { history, series: history.points.map((point) => ({ at: point.at, value: point[figure] })) };
  }

  // ---- the administrator's view -----------------------------------------------------------------------------------

  async function adminView(filter) {
    const [customers, policies] = await Promise.all([
      api('/customers' + query({ orderBy: 'usage', state: filter, pageSize: 100 })),
      api('/storagePolicies' + query({ pageSize: 100 })),
    ]);
    const stateFilter = el('select', { id: 'state-filter' },
      el('option', { value: '', text: 'Every state' }),
      STATES.map((name) => el('option', { value: name, selected: name === filter, text: name })));
    stateFilter.addEventListener('change', () => show(() => adminView(stateFilter.value || undefined), true));
    const rows = customers.member.map((customer) => ({
      attributes: { class: 'customer-row', 'data-customer': customer.id },
      cells: [
        el('button', { type: 'button', class: 'link', onclick: () => show(() => organisationView(customer.id)), text: customer.name + ' (' + customer.id + ')' }),
        policyName(customer.storagePolicy),
        count(customer.numberOfStoredImages),
        size(customer.totalSizeOfStoredImages),
        size(customer.totalSizeOfThumbnails),
        percent(customer.fractionUsed),
        state(customer.state),
      ],
    }));
    const total = customers.totalItems;
    const number = el('input', { id: 'open-customer', inputmode: 'numeric', autocomplete: 'off', size: 10 });
    const open = el('form', { class: 'toolbar', id: 'open-customer-form' },
      el('label', { for: 'open-customer', text: 'Customer number' }), number, el('button', { type: 'submit', text: 'Open' }));
    open.addEventListener('submit', (event) => {
      event.preventDefault();
      const id = number.value.trim();
      if (/^[1-9][0-9]{0,9}$/.test(id)) {
        show(() => organisationView(Number(id)));
      }
    });
    return el('div', { class: 'view admin-view' },
      el('h1', { text: 'Every customer' }),
      open,
      el('p', { class: 'muted', text: total + ' customer' + (total === 1 ? '' : 's') + (filter ? ' in the state ' + filter : '') + ', closest to their tightest limit first.' }),
      el('div', { class: 'toolbar' }, el('label', { for: 'state-filter', text: 'Show' }), stateFilter),
      table('Customers by how close they are to their tightest limit', [
        { title: 'Customer' }, { title: 'Policy' }, { title: 'Images', number: true }, { title: 'Size', number: true },
        { title: 'Thumbnails', number: true }, { title: 'Of its tightest limit', number: true }, { title: 'State' },
      ], rows, { id: 'customers' }),
      total > customers.member.length ? el('p', { class: 'muted', text: 'The first ' + customers.member.length + ' are shown.' }) : null,
      historySection('The platform\'s history', 'Total size stored by ' + Math.min(total, PLATFORM_HISTORY_CUSTOMERS) + ' customer' + (total === 1 ? '' : 's'), true,
        (parameters) => platformHistory(customers.member.slice(0, PLATFORM_HISTORY_CUSTOMERS), parameters)),
      total > PLATFORM_HISTORY_CUSTOMERS ? el('p', { class: 'muted', text: 'The history adds up the ' + PLATFORM_HISTORY_CUSTOMERS + ' customers listed first, not all ' + total + '.' }) : null,
      el('section', { 'aria-labelledby': 'policies-title' },
        el('h2', { id: 'policies-title', text: 'Storage policies' }),
        table('Storage policies', [{ title: 'Policy' }, { title: 'Most images', number: true }, { title: 'Most bytes', number: true }],
          policies.member.map((policy) => ({ cells: [policyName(policy['@id']), count(policy.maximumNumberOfStoredImages), size(policy.maximumTotalSizeOfStoredImages)] })),
          { id: 'policies' })));
  }

  function policyName(url) {
    return url ? decodeURIComponent(String(url).substring(String(url).lastIndexOf('/') + 1)) : 'none of its own';
  }

  /** The sum of the customers' histories at each instant they share, read a few at a time. */
  async function platformHistory(customers, parameters) {
    const histories = [];
    const queue = customers.slice();
    const worker = async () => {
      while (queue.length) {
        const customer = queue.shift();
        histories.push(await api('/customers/' + customer.id + '/storage/history' + query(parameters)));
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const sums = new Map();
    for (const history of histories) {
      for (const point of history.points) {
        sums.set(point.at, (sums.get(point.at) || 0n) + BigInt(point.totalSizeOfStoredImages));
      }
    }
    const series = [...sums.entries()].sort((a, b) => Date.parse(a[0]) - Date.parse(b[0])).map(([at, value]) => ({ at, value }));
    const shape = histories[0];
    return { series, history: shape ? { from: shape.from, to: shape.to, step: shape.step } : null };
  }

  // ---- an organisation's view -------------------------------------------------------------------------------------

  async function organisationView(customer) {
    const path = '/customers/' + customer;
    const [info, quota, spaces, users, reservations, jobs, webhooks] = await Promise.all([
      api(path), api(path + '/quota'), api(path + '/spaces' + query({ pageSize: 100 })),
      api(path + '/users' + query({ orderBy: 'usage', pageSize: 10 })), api(path + '/reservations' + query({ pageSize: 20 })),
      api(path + '/jobs' + query({ pageSize: 10 })), api(path + '/webhooks'),
    ]);
    const deliveries = await Promise.all(webhooks.member.map((webhook) =>
      api(path + '/webhooks/' + encodeURIComponent(webhook.id) + '/deliveries' + query({ pageSize: 5 }))));
    return el('div', { class: 'view organisation-view', 'data-customer': customer },
      session.kind === 'admin' ? el('button', { type: 'button', class: 'secondary', onclick: () => show(adminView), text: 'Back to every customer' }) : null,
      el('h1', { text: (info.displayName || info.name) + ' (customer ' + customer + ')' }),
      el('section', { 'aria-labelledby': 'limits-title' },
        el('h2', { id: 'limits-title' }, 'Usage against each limit ', state(quota.state)),
        limits(quota, { numberOfStoredImages: 'Images', totalSizeOfStoredImages: 'Total size' })),
      historySection('History', 'Total size stored', true, (parameters) => historyOf(path, parameters, 'totalSizeOfStoredImages')),
      el('section', { 'aria-labelledby': 'spaces-title' },
        el('h2', { id: 'spaces-title', text: 'Spaces' }),
        table('Spaces', [{ title: 'Space' }, { title: 'Policy' }, { title: 'Images', number: true }, { title: 'Size', number: true }, { title: 'Thumbnails', number: true }, { title: 'Last calculated' }],
          spaces.member.map((space) => ({
            attributes: { 'data-space': space.id },
            cells: [space.name + ' (' + space.id + ')', policyName(space.storagePolicy), count(space.numberOfStoredImages), size(space.totalSizeOfStoredImages), size(space.totalSizeOfThumbnails), time(space.lastCalculated)],
          })), { id: 'spaces' }),
        spaces.totalItems > spaces.member.length ? el('p', { class: 'muted', text: 'The first ' + spaces.member.length + ' of ' + spaces.totalItems + ' spaces.' }) : null),
      el('section', { 'aria-labelledby': 'users-title' },
        el('h2', { id: 'users-title', text: 'Top users' }),
        table('Users by how much of their capacity they use', [{ title: 'User' }, { title: 'Used', number: true }, { title: 'Capacity', number: true }, { title: 'Of it from packs', number: true }, { title: 'State' }, { title: 'Packs and expiries' }],
          users.member.map((user) => ({
            attributes: { 'data-user': user.id },
            cells: [user.name ? user.name + ' (' + user.id + ')' : user.id, size(user.used),
              [size(user.capacity), meter(user.used, user.capacity, user.state, 'Capacity of ' + user.id)], size(user.storagePackTotal), state(user.state),
              packList(user.storagePacks || [])],
          })), { id: 'users' })),
      el('section', { 'aria-labelledby': 'reservations-title' },
        el('h2', { id: 'reservations-title', text: 'Live reservations' }),
        table('Live reservations', [{ title: 'Reservation' }, { title: 'Space', number: true }, { title: 'Owner' }, { title: 'Size', number: true }, { title: 'Thumbnails', number: true }, { title: 'Images', number: true }, { title: 'Expires' }],
          reservations.member.map((reservation) => ({
            cells: [reservation.id, reservation.space, reservation.owner || '', size(reservation.size), size(reservation.thumbnailSize), count(reservation.count), time(reservation.expiresAt)],
          })), { id: 'reservations' })),
      el('section', { 'aria-labelledby': 'jobs-title' },
        el('h2', { id: 'jobs-title', text: 'Recent recalculations and reconciliations' }),
        table('Recent recalculations and reconciliations', [{ title: 'Job' }, { title: 'State' }, { title: 'Started' }, { title: 'Finished' }, { title: 'What it found' }],
          jobs.member.map((job) => ({ cells: [jobKind(job), job.state, time(job.started), time(job.finished), jobFindings(job)] })), { id: 'jobs' })),
      el('section', { 'aria-labelledby': 'webhooks-title' },
        el('h2', { id: 'webhooks-title', text: 'Webhooks and recent deliveries' }),
        webhooks.member.length === 0 ? el('p', { class: 'muted', text: 'No webhook.' }) : webhooks.member.map((webhook, index) =>
          el('div', { class: 'webhook' },
            el('h3', { text: webhook.url }),
            el('p', { class: 'muted', text: 'Events: ' + (webhook.events || []).join(', ') }),
            table('Recent deliveries to ' + webhook.url, [{ title: 'Event' }, { title: 'Created' }, { title: 'Attempts', number: true }, { title: 'Outcome' }],
              deliveries[index].member.map((delivery) => ({ cells: [delivery.eventType, time(delivery.eventCreated), count(delivery.attempts), deliveryOutcome(delivery)] })))))));
  }

  function packList(packs) {
    if (packs.length === 0) {
      return el('span', { class: 'muted', text: 'none' });
    }
    return el('ul', { class: 'sub' }, packs.map((pack) => el('li', null, pack.name + ': ', size(pack.size), ', until ', time(pack.expiresAt))));
  }

  function jobKind(job) {
    const type = String(job['@type'] || '');
    return (type.endsWith('Reconciliation') ? 'Reconciliation' : 'Recalculation') + (job.scope ? ' of ' + job.scope : '');
  }

  function jobFindings(job) {
    if (job.state !== 'succeeded') {
      return job.error || '';
    }
    if (job.mismatched) {
      return job.mismatched.count + ' mismatched, ' + job.missing.count + ' missing, ' + job.orphans.count + ' orphans' + (job.applied ? ', applied' : '');
    }
    return job.driftFound ? job.driftFound + ' scope' + (job.driftFound === 1 ? '' : 's') + ' drifted, repaired' : 'no drift';
  }

  function deliveryOutcome(delivery) {
    if (delivery.deliveredAt) {
      return ['delivered ', time(delivery.deliveredAt)];
    }
    if (delivery.givenUpAt) {
      return ['given up ', time(delivery.givenUpAt)];
    }
    return ['retrying' + (delivery.lastStatus ? ' (last answer ' + delivery.lastStatus + ')' : ''), delivery.nextAttemptAt ? [', next ', time(delivery.nextAttemptAt)] : ''];
  }

  // ---- an originator's view ---------------------------------------------------------------------------------------

  async function originatorView(customer, user) {
    const path = '/customers/' + customer + '/users/' + encodeURIComponent(user);
    const [capacity, quota, packs] = await Promise.all([
      cloudreve('/api/v4/user/capacity'), api(path + '/quota'), api(path + '/storagePacks'),
    ]);
    const limit = (quota.limits || []).find((candidate) => candidate.limit === 'used');
    const userState = limit ? limit.state : quota.state;
    return el('div', { class: 'view originator-view', 'data-user': user },
      el('h1', { text: 'Your storage' }),
      el('section', { 'aria-labelledby': 'capacity-title', class: 'card capacity' },
        el('h2', { id: 'capacity-title' }, 'Capacity ', state(userState)),
        el('p', { class: 'figure' }, el('span', { class: 'used' }, size(capacity.used)), ' of ', el('span', { class: 'total' }, size(capacity.total)), ' used'),
        meter(capacity.used, capacity.total, userState, 'Storage used of your capacity'),
        el('p', null, 'Storage packs add ', el('span', { class: 'packs' }, size(capacity.storage_pack_total)), ' to your capacity.'),
        limit ? el('p', null, limit.forecastFull ? ['Full around ', time(limit.forecastFull), ' at the recent rate.'] : 'Not filling at the recent rate.') : null),
      el('section', { 'aria-labelledby': 'packs-title' },
        el('h2', { id: 'packs-title', text: 'Storage packs' }),
        table('Your storage packs', [{ title: 'Pack' }, { title: 'Size', number: true }, { title: 'From' }, { title: 'Expires' }, { title: 'Counts now' }],
          packs.member.map((pack) => ({ cells: [pack.name, size(pack.size), time(pack.activeFrom), time(pack.expiresAt), pack.active ? 'yes' : 'no'] })), { id: 'packs' })),
      historySection('History', 'Storage used', true, (parameters) => historyOf(path, parameters, 'used')));
  }

  // ---- start ------------------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    $('login-form').addEventListener('submit', signIn);
    for (const radio of document.querySelectorAll('input[name="method"]')) {
      radio.addEventListener('change', showMethod);
    }
    $('logout').addEventListener('click', logOut);
    $('refresh').addEventListener('click', () => current && show(current, true));
    $('login-title').setAttribute('tabindex', '-1');
    $('zone').textContent = 'Times are in your time zone, ' + Intl.DateTimeFormat().resolvedOptions().timeZone
      + '; hover a time for the exact instant (UTC), a size for its exact bytes.';
  });
})();
