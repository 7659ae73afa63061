// The staff page. The token the staff person types is kept in this closure only (no cookie, no storage) and sent
// as an Authorization header; every value from the server is shown with textContent, never as markup.
'use strict';
(() => {
  let token = null;
  const $ = (id) => document.getElementById(id);

  class Locked extends Error {}

  async function api(path, init = {}) {
    if (!token) { throw new Locked('locked'); }
    const response = await fetch('/staff/api/' + path, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      headers: { ...(init.headers || {}), Authorization: 'Bearer ' + token },
    });
    if (response.status === 401) { lock('That token is not right.'); throw new Locked('unauthorized'); }
    if (response.status === 429) { throw new Error('Too many requests from this address: wait a minute.'); }
    if (!response.ok) { throw new Error(`${response.status} ${response.statusText}`); }
    return response;
  }

  function lock(message) {
    token = null;
    $('staff').hidden = true;
    $('unlock').hidden = false;
    for (const id of ['reply', 'explanation', 'report-text', 'review-text', 'serving', 'refused', 'status']) { $(id).textContent = ''; }
    $('answer').hidden = true;
    const error = $('unlock-error');
    error.textContent = message || '';
    error.hidden = !message;
    $('token').focus();
  }

  function failed(target, error) {
    if (!(error instanceof Locked)) { $(target).textContent = 'Could not load: ' + error.message; }
  }

  async function loadStatus() {
    const status = await (await api('status')).json();
    $('status').textContent = status.status;
    $('status').className = 'status ' + status.status;
    $('serving').textContent = status.serving;
    $('refused-box').hidden = !status.refused;
    $('refused').textContent = status.refused ? [status.refused, ...status.refusedErrors.slice(1)].join('\n') : '';
  }

  async function loadReport() {
    $('report-text').textContent = await (await api('report?format=text&days=' + encodeURIComponent($('days').value))).text();
  }

  async function loadReview() {
    const within = $('within').value;
    $('review-text').textContent = await (await api(within === 'all' ? 'review?all=true' : 'review?within=' + encodeURIComponent(within))).text();
  }

  async function refresh() {
    await Promise.all([
      loadStatus().catch((e) => failed('serving', e)),
      loadReport().catch((e) => failed('report-text', e)),
      loadReview().catch((e) => failed('review-text', e)),
    ]);
  }

  $('unlock').addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = $('token').value.trim();
    $('token').value = '';
    if (!typed) { return; }
    token = typed;
    try {
      await loadStatus();
    } catch (error) {
      if (!(error instanceof Locked)) { lock('Could not reach the server: ' + error.message); }
      return;
    }
    $('unlock-error').hidden = true;
    $('unlock').hidden = true;
    $('staff').hidden = false;
    $('question').focus();
    await Promise.all([loadReport().catch((e) => failed('report-text', e)), loadReview().catch((e) => failed('review-text', e))]);
  });

  $('ask').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('question').value;
    if (!text.trim()) { return; }
    $('answer').hidden = false;
    $('outcome').textContent = '';
    $('reply').textContent = 'Asking…';
    $('explanation').textContent = '';
    try {
      const result = await (await api('ask', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text, channel: $('channel').value }),
      })).json();
      $('outcome').textContent = `(${result.kind}${result.entry ? ': ' + result.entry : ''}${result.score != null ? ', score ' + result.score.toFixed(3) : ''}, ${result.language})`;
      $('reply').textContent = result.reply;
      $('explanation').textContent = result.explanation;
    } catch (error) {
      failed('reply', error);
    }
  });

  $('days').addEventListener('change', () => loadReport().catch((e) => failed('report-text', e)));
  $('within').addEventListener('change', () => loadReview().catch((e) => failed('review-text', e)));
  $('refresh').addEventListener('click', refresh);
  $('lock').addEventListener('click', () => lock(''));
})();
