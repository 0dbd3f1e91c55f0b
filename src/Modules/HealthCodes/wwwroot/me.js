// 我的健康码: keeps the code on screen fresh. The server renders the first code; this script counts down and fetches a
// new one (GET /api/me/health-code?svg=true) before the current one expires, and again when the phone wakes the page.
// Times are measured from the server's own issuedAt/expiresAt, so a phone with a wrong clock still refreshes in time.
const box = document.getElementById('hc');
if (box && !box.dataset.started) {
  box.dataset.started = '1';
  const d = box.dataset;
  const el = id => document.getElementById(id);
  const REFRESH_BEFORE_MS = 30000;
  const RETRY_MS = 10000;
  let lifetime = Number(d.expires) - Number(d.issued);
  let receivedAt = performance.now();
  let nextTry = 0;
  let busy = false;

  const remaining = () => lifetime - (performance.now() - receivedAt);

  const pad = n => String(n).padStart(2, '0');
  const districtTime = (ms, seconds) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(ms)).map(p => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}` + (seconds ? `:${parts.second}` : '');
  };

  const renderReasons = reasons => {
    const holder = el('hc-reasons-box');
    holder.replaceChildren();
    if (!reasons.length) {
      const p = document.createElement('p');
      p.className = 'sub';
      p.id = 'hc-reasons-none';
      p.textContent = d.none;
      holder.append(p);
      return;
    }
    const ul = document.createElement('ul');
    ul.className = 'hc-reasons';
    ul.id = 'hc-reasons';
    for (const r of reasons) {
      const li = document.createElement('li');
      li.className = `hc-reason hc-reason-${r.colour}`;
      const text = document.createElement('span');
      text.className = 'hc-reason-text';
      text.textContent = r.text;
      const small = document.createElement('small');
      small.textContent = `${d.rule} ${r.ruleId} · ${d.since} ${districtTime(Date.parse(r.since), false)}`
        + (r.until ? ` · ${d.until} ${districtTime(Date.parse(r.until), false)}` : '');
      li.append(text, small);
      ul.append(li);
    }
    holder.append(ul);
  };

  const show = code => {
    lifetime = Date.parse(code.expiresAt) - Date.parse(code.issuedAt);
    receivedAt = performance.now();
    box.className = `hc hc-${code.colour}`;
    const word = el('hc-word');
    word.dataset.colour = code.colour;
    word.textContent = d['word' + code.colour[0].toUpperCase() + code.colour.slice(1)];
    const why = el('hc-why');
    why.textContent = why.dataset.template.replace('{0}', word.textContent);
    el('hc-qr').innerHTML = code.svg; // SVG drawn by the server from the signed code, not user text
    el('hc-issued').textContent = districtTime(Date.parse(code.issuedAt), true);
    box.dataset.issued = String(Date.parse(code.issuedAt));
    box.dataset.expires = String(Date.parse(code.expiresAt));
    renderReasons(code.reasons || []);
    el('hc-status').textContent = d.auto;
    paint();
  };

  const refresh = async () => {
    if (busy) return;
    busy = true;
    el('hc-status').textContent = d.refreshing;
    try {
      const response = await fetch(d.api, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
      if (response.status === 401) {
        location.href = d.login;
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      show(await response.json());
      nextTry = 0;
    } catch {
      el('hc-status').textContent = d.offline;
      nextTry = performance.now() + RETRY_MS;
    } finally {
      busy = false;
    }
  };

  const paint = () => {
    const left = remaining();
    const secs = Math.max(0, Math.ceil(left / 1000));
    el('hc-countdown').textContent = `${Math.floor(secs / 60)}:${pad(secs % 60)}`;
    box.classList.toggle('hc-expired', left <= 0);
    if (left <= 0 && !busy) el('hc-status').textContent = d.expired;
    return left;
  };

  const tick = () => {
    if (paint() <= REFRESH_BEFORE_MS && performance.now() >= nextTry) refresh();
  };

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && remaining() < 60000) refresh();
  });
  tick();
  setInterval(tick, 1000);
}
