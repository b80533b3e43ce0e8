// The skewguard dashboard: live from the collector's /api/jobs, or from data embedded by `evaluate --html`.
(function () {
  'use strict';
  var TOP_CLASSES = 20; // bars shown; the rest are summed in one row
  var TOP_LINES = 8; // tracked classes drawn, the worst now; the rest as their mean and largest fraction
  var POLL_MS = 1000;
  var COLORS = ['#4a78c2', '#e07b39', '#3a9e5c', '#b04fb0', '#c2a23a', '#2aa6b5', '#8a5a44', '#5a5ad6'];

  var embedded = document.getElementById('skewguard-data');
  var hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  var headers = hash.get('token') ? {Authorization: 'Bearer ' + hash.get('token')} : {};
  var selected = hash.get('job');
  var selectedMode = null;
  var charts = [];
  var updates = 0;
  var lastRendered = null;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function status(text) { document.getElementById('status').textContent = text; }

  function getJson(path) {
    return fetch(path, {headers: headers, cache: 'no-store'}).then(function (r) {
      if (r.status === 401) {
        throw new Error('this collector wants a token: open the page as …/#token=<your token>');
      }
      if (!r.ok) { throw new Error(path + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  function renderJobs(jobs) {
    var body = document.querySelector('#jobs tbody');
    body.textContent = '';
    jobs.forEach(function (j) {
      var tr = el('tr');
      tr.dataset.job = j.job;
      if (j.job === selected) { tr.className = 'selected'; }
      tr.appendChild(el('td', null, j.job));
      tr.appendChild(el('td', 'state-' + String(j.state).replace(/ /g, '-'), j.state));
      tr.appendChild(el('td', null, j.labels));
      tr.appendChild(el('td', null, j.connected_workers));
      tr.appendChild(el('td', null, j.summary));
      tr.addEventListener('click', function () { selected = j.job; selectedMode = null; refresh(); });
      body.appendChild(tr);
    });
  }

  function fact(dl, name, value) {
    dl.appendChild(el('dt', null, name));
    dl.appendChild(el('dd', null, value === undefined || value === null ? '–' : value));
  }

  function renderJob(job) {
    document.getElementById('job').hidden = false;
    document.getElementById('job-title').textContent = job.job !== undefined ? 'Job ' + job.job
        : 'Recorded data ' + (job.input || '');
    var summary = document.getElementById('summary');
    summary.textContent = job.summary;
    summary.className = job.triggered ? 'triggered' : '';
    var facts = document.getElementById('facts');
    facts.textContent = '';
    var decision = job.stop_decision || {};
    if (job.connected_workers !== undefined) {
      fact(facts, 'workers connected', job.connected_workers);
      fact(facts, 'batches counted', job.batches_counted);
      fact(facts, 'dropped batches', job.dropped_batches);
      fact(facts, 'unsent batches', job.unsent_batches);
      fact(facts, 'stopped', job.stopped ? 'yes' : 'no');
    }
    fact(facts, 'records', job.records);
    fact(facts, 'stop decision', decision.decided ? decision.summary : 'not reached');
    renderAdvice(job);

    var modes = Object.keys(job.modes || {});
    if (modes.indexOf(selectedMode) < 0) { selectedMode = job.mode || modes[0] || null; }
    var nav = document.getElementById('modes');
    nav.textContent = '';
    modes.forEach(function (m) {
      var b = el('button', m === selectedMode ? 'selected' : null, m);
      b.addEventListener('click', function () { selectedMode = m; renderJob(job); });
      nav.appendChild(b);
    });
    var mode = selectedMode ? job.modes[selectedMode] : null;
    renderParameters(job);
    renderClasses(mode, job);
    renderCharts(job, selectedMode);
  }

  /** The finding's advice: the class weights, then how to apply them in the job's framework(s). */
  function renderAdvice(job) {
    var box = document.getElementById('advice');
    box.textContent = '';
    var advice = job.advice;
    box.hidden = !advice;
    if (!advice) { return; }
    box.appendChild(el('h3', null, 'Advice'));
    box.appendChild(el('p', null, advice.summary));
    var frameworks = (job.frameworks || []).filter(function (f) { return advice.apply[f]; });
    if (frameworks.length === 0) { frameworks = ['any']; }
    var list = el('ul');
    frameworks.forEach(function (f) { list.appendChild(el('li', 'advice-apply', advice.apply[f])); });
    box.appendChild(list);
  }

  // The job's effective parameters and where each came from (job_parameters; absent from older reports).
  function renderParameters(job) {
    var box = document.getElementById('parameters');
    box.textContent = '';
    var p = job.job_parameters;
    if (!p) { box.appendChild(el('p', null, 'the collector\'s parameters (no per-job record)')); return; }
    var table = el('table');
    var head = el('tr');
    ['parameter', 'value', 'from', 'the job asked for'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    Object.keys(p.effective).forEach(function (name) {
      var row = el('tr');
      row.appendChild(el('td', null, name));
      row.appendChild(el('td', null, p.effective[name]));
      var source = p.sources[name];
      row.appendChild(el('td', 'source-' + source, source === 'rules_file'
          ? 'rules file (' + (p.rules_file_entry || []).join(', ') + ')' : source));
      var asked = p.requested[name];
      var ignored = p.ignored.filter(function (i) { return i.parameter === name; });
      row.appendChild(el('td', ignored.length ? 'ignored' : null,
          asked === undefined ? '' : asked + (ignored.length ? ' (ignored: locked)' : '')));
      table.appendChild(row);
    });
    box.appendChild(table);
    if (p.disagreeing_hellos > 0) {
      box.appendChild(el('p', 'triggered', p.disagreeing_hellos + ' worker Hello(s) asked for other parameters '
          + 'and were judged by these: ' + p.disagreeing_workers.map(function (w) { return w.worker_id; }).join(', ')));
    }
  }

  function renderClasses(mode, job) {
    var box = document.getElementById('classes');
    box.textContent = '';
    if (!mode) { box.appendChild(el('p', null, 'nothing counted yet')); return; }
    var offending = {};
    ((job.finding && job.finding.offending_classes) || []).forEach(function (c) { offending[c['class']] = true; });
    var classes = Object.keys(mode.classes).map(function (id) {
      var c = mode.classes[id];
      return {id: id, count: c.count, fraction: c.misprediction_fraction};
    });
    classes.sort(function (a, b) { return b.count - a.count || Number(a.id) - Number(b.id); });
    var max = classes.length ? Math.max(1, classes[0].count) : 1;
    var header = el('div', 'class-row header');
    ['class', 'labels', 'count', 'mispredicted'].forEach(function (t) { header.appendChild(el('strong', null, t)); });
    box.appendChild(header);
    classes.slice(0, TOP_CLASSES).forEach(function (c) {
      var row = el('div', 'class-row');
      row.dataset['class'] = c.id;
      row.appendChild(el('span', null, 'class ' + c.id));
      var bar = el('div', offending[c.id] ? 'bar offending' : 'bar');
      bar.style.width = (100 * c.count / max) + '%';
      var cell = el('div');
      cell.appendChild(bar);
      row.appendChild(cell);
      row.appendChild(el('span', 'count', c.count));
      row.appendChild(el('span', null, c.fraction.toFixed(3)));
      box.appendChild(row);
    });
    if (classes.length > TOP_CLASSES) {
      var rest = classes.slice(TOP_CLASSES);
      var total = rest.reduce(function (s, c) { return s + c.count; }, 0);
      var row = el('div', 'class-row rest-row');
      row.appendChild(el('span', null, rest.length + ' more classes'));
      row.appendChild(el('div'));
      row.appendChild(el('span', null, total + ' in all'));
      row.appendChild(el('span', null, 'smallest ' + rest[rest.length - 1].count));
      box.appendChild(row);
    }
  }

  function num(v) { return v === 'Infinity' ? null : v; }

  function markersFor(job, modeName) {
    var out = [];
    var f = job.finding;
    if (f && f.mode === modeName && f.labels !== null) {
      out.push({x: f.labels, label: 'first trigger (step ' + f.step + ')', color: '#e07b39'});
    }
    var d = job.stop_decision;
    if (d && d.decided && d.mode === modeName) {
      out.push({x: d.labels, label: 'stop decided (step ' + d.step + ')', color: '#b00020'});
    }
    return out;
  }

  function markerPlugin(markers) {
    return {hooks: {draw: [function (u) {
      var ctx = u.ctx;
      markers.forEach(function (m, i) {
        var x = u.valToPos(m.x, 'x', true);
        ctx.save();
        ctx.strokeStyle = m.color;
        ctx.fillStyle = m.color;
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.font = (12 * devicePixelRatio) + 'px sans-serif';
        ctx.fillText(m.label, x + 4 * devicePixelRatio, u.bbox.top + 14 * (i + 1) * devicePixelRatio); // one line each
        ctx.restore();
      });
    }]}};
  }

  function chart(target, title, series, data, markers) {
    var width = Math.max(400, Math.min(1100, target.clientWidth || 900));
    var opts = {
      width: width, height: 260, title: title,
      scales: {x: {time: false}},
      axes: [{label: 'labels counted'}, {}],
      series: [{label: 'labels'}].concat(series),
      plugins: [markerPlugin(markers)]
    };
    charts.push(new uPlot(opts, data, target));
  }

  function renderCharts(job, modeName) {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var h = job.history && modeName ? job.history[modeName] : null;
    var mis = document.getElementById('misprediction-chart');
    var ratio = document.getElementById('ratio-chart');
    var markerList = document.getElementById('markers');
    mis.textContent = '';
    ratio.textContent = '';
    markerList.textContent = '';
    if (!h || h.labels.length === 0) { mis.appendChild(el('p', null, 'no history yet')); return; }
    var params = job.parameters || {};
    var markers = markersFor(job, modeName);
    markers.forEach(function (m) { markerList.appendChild(el('li', null, m.label + ' at ' + m.x + ' labels')); });
    var n = h.labels.length;
    var threshold = function (v) { return h.labels.map(function () { return v; }); };
    var ids = Object.keys(h.misprediction_fraction);
    var last = function (s) { for (var i = s.length - 1; i >= 0; i--) { if (s[i] !== null) { return s[i]; } } return -1; };
    ids.sort(function (a, b) { return last(h.misprediction_fraction[b]) - last(h.misprediction_fraction[a]); });
    var shown = ids.slice(0, TOP_LINES);
    var series = [];
    var data = [h.labels];
    shown.forEach(function (id, i) {
      series.push({label: 'class ' + id, stroke: COLORS[i % COLORS.length], width: 1.5});
      data.push(h.misprediction_fraction[id]);
    });
    var others = ids.length - shown.length;
    if (h.rest_mean_misprediction_fraction.some(function (v) { return v !== null; })) {
      series.push({label: 'other classes: mean', stroke: '#999', dash: [4, 4]});
      data.push(h.rest_mean_misprediction_fraction);
      series.push({label: 'other classes: largest', stroke: '#666', dash: [2, 2]});
      data.push(h.rest_max_misprediction_fraction);
    }
    series.push({label: 'threshold_misprediction', stroke: '#b00020', width: 2});
    data.push(threshold(params.threshold_misprediction));
    chart(mis, 'misprediction fraction (' + modeName + ', the ' + shown.length + ' worst tracked classes'
        + (others > 0 ? ', ' + others + ' more tracked not drawn' : '') + ')', series, data, markers);

    var infinite = h.ratio.some(function (v) { return v === 'Infinity'; });
    chart(ratio, 'imbalance ratio (' + modeName + ')' + (infinite ? ' (gaps: a class of num_classes never seen)' : ''),
        [{label: 'largest / smallest class', stroke: '#4a78c2', width: 1.5},
         {label: 'threshold_imbalance', stroke: '#b00020', width: 2}],
        [h.labels, h.ratio.map(num), threshold(params.threshold_imbalance)], markers);
    if (n > 0) { document.getElementById('job').dataset.points = String(n); }
  }

  function showJob(job) {
    var key = JSON.stringify(job);
    if (key !== lastRendered) {
      lastRendered = key;
      updates++;
      document.body.dataset.updates = String(updates);
      renderJob(job);
    }
  }

  function refresh() {
    return getJson('api/jobs').then(function (list) {
      renderJobs(list.jobs);
      if (!selected && list.jobs.length) { selected = list.jobs[0].job; }
      if (!selected) { status('no job yet: waiting for agents'); return null; }
      return getJson('api/jobs/' + encodeURIComponent(selected)).then(function (job) {
        showJob(job);
        status('live, updated ' + new Date().toLocaleTimeString());
      });
    }).catch(function (e) { status(e.message); });
  }

  if (embedded) {
    document.getElementById('jobs-section').hidden = true;
    status('recorded data (evaluate --html)');
    showJob(JSON.parse(embedded.textContent));
  } else {
    refresh();
    setInterval(refresh, POLL_MS);
  }
}());
