// The classify4j page: plain JavaScript against the service's own API, no build step.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const project = $('project'), labelsRow = $('labels-row'), form = $('form');
  const status = $('status'), go = $('go'), tokenRow = $('token-row');

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    const t = $('token').value || sessionStorage.getItem('classify4j-token') || '';
    if (t) { h['Authorization'] = 'Bearer ' + t; sessionStorage.setItem('classify4j-token', t); }
    return h;
  }

  async function call(method, url, body) {
    const res = await fetch(url, {
      method: method,
      headers: headers(body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const data = await res.json().catch(() => ({}));
    if (res.status === 401) { tokenRow.hidden = false; }
    if (!res.ok) { throw new Error((data && (data.detail || data.title)) || ('HTTP ' + res.status)); }
    return data;
  }

  function zeroShot() { return project.value === ''; }
  function showLabels() { labelsRow.hidden = !zeroShot(); }

  // (re)loads the project list: at start, and again once a token is typed (the first load may
  // have been refused with 401); the "labels I type" option stays first
  async function loadProjects() {
    try {
      const data = await call('GET', '/v1/projects');
      while (project.options.length > 1) { project.remove(1); }
      for (const p of data.projects || []) {
        const o = document.createElement('option');
        o.value = p.project_id;
        o.textContent = 'project: ' + p.name + (p.name !== p.project_id ? ' (' + p.project_id + ')' : '');
        project.appendChild(o);
      }
      if ((data.projects || []).length > 0) { project.value = data.projects[0].project_id; }
      showLabels();
      setStatus('');
      document.body.dataset.projects = String(Number(document.body.dataset.projects || 0) + 1);
      document.body.dataset.ready = 'true';
    } catch (e) {
      setStatus(e.message, true);
      document.body.dataset.ready = 'true';
    }
  }

  function parseLabels(s) {
    const parts = s.indexOf('\n') >= 0 ? s.split('\n') : s.split(',');
    return parts.map((x) => x.trim()).filter((x) => x).map((x) => {
      const i = x.indexOf(':');
      return i > 0 ? { name: x.slice(0, i).trim(), description: x.slice(i + 1).trim() } : x;
    });
  }

  function setStatus(msg, error) {
    status.textContent = msg;
    status.className = error ? 'error' : '';
  }

  function render(result) {
    const chosen = new Set(result.labels.map((l) => l.label));
    const d = $('decision');
    d.textContent = '';
    if (result.abstained || result.labels.length === 0) {
      const s = document.createElement('span');
      s.className = 'abstained';
      s.textContent = result.abstained ? 'abstained: no label is sure enough' : 'no label chosen';
      d.appendChild(s);
    } else {
      for (const l of result.labels) {
        const s = document.createElement('span');
        s.className = 'chosen';
        s.textContent = l.label;
        d.appendChild(s);
      }
    }
    const ol = $('scores');
    ol.textContent = '';
    for (const s of result.scores) {
      const li = document.createElement('li');
      if (chosen.has(s.label)) { li.className = 'is-chosen'; }
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = s.label;
      name.title = s.label;
      const bar = document.createElement('span');
      bar.className = 'bar';
      const fill = document.createElement('span');
      fill.style.width = (Math.max(0, Math.min(1, s.score)) * 100).toFixed(1) + '%';
      bar.appendChild(fill);
      const score = document.createElement('span');
      score.className = 'score';
      score.textContent = s.score.toFixed(3);
      li.append(name, bar, score);
      ol.appendChild(li);
    }
    $('result').hidden = false;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const text = $('text').value;
    if (!text.trim()) { setStatus('type or paste a text first', true); return; }
    go.disabled = true;
    setStatus('classifying…');
    try {
      let data;
      if (zeroShot()) {
        const labels = parseLabels($('labels').value);
        if (labels.length === 0) { throw new Error('type some labels, or choose a project'); }
        data = await call('POST', '/v1/classify4j/zero-shot',
          { text: text, labels: labels, multi_label: $('multi').checked, top: 10 });
      } else {
        data = await call('POST', '/v1/classify4j/projects/' + encodeURIComponent(project.value) + '/classify',
          { text: text, top: 10 });
      }
      render(data.results[0]);
      setStatus('');
    } catch (e) {
      $('result').hidden = true;
      setStatus(e.message, true);
    } finally {
      go.disabled = false;
      document.body.dataset.done = String(Number(document.body.dataset.done || 0) + 1);
    }
  });

  project.addEventListener('change', showLabels);
  $('token').addEventListener('change', loadProjects);
  loadProjects();
})();
