/* panel.js - the admin panel's pages, drawn from the JSON API (src/engine/admin.c).
 * No framework and nothing fetched from elsewhere: one hash route per page,
 * DOM built with textContent (never innerHTML), so nothing a function, a
 * key or a log line contains can become markup. */
'use strict';

var csrf = null;
var followTimer = null, statusTimer = null;

function el(tag, attrs, kids) {
  var e = document.createElement(tag), k;
  for (k in attrs || {}) {
    if (k === 'text') e.textContent = attrs[k];
    else if (k === 'cls') e.className = attrs[k];
    else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
    else e.setAttribute(k, attrs[k]);
  }
  (kids || []).forEach(function (c) {
    if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return e;
}

function main() { return document.getElementById('main'); }

function show() {
  var m = main();
  m.textContent = '';
  for (var i = 0; i < arguments.length; i++) if (arguments[i]) m.appendChild(arguments[i]);
}

/* One API call: GET with a query, or POST with a JSON body and the CSRF
 * token.  A lost session goes back to the login page. */
function api(path, body, raw) {
  var opts = { credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    opts.method = 'POST';
    opts.headers['X-CSRF-Token'] = csrf;
    if (raw) opts.body = body;
    else { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
  }
  return fetch(path, opts).then(function (r) {
    if (r.status === 401) { location.href = 'login'; throw new Error('not logged in'); }
    return r.text().then(function (t) {
      var j;
      try { j = JSON.parse(t); } catch (e) { j = { text: t }; }
      if (!r.ok) throw new Error((j && (j.message || j.error)) || r.statusText);
      return j;
    });
  });
}

function fail(e) {
  show(el('p', { cls: 'err', id: 'error', text: 'Error: ' + e.message }));
}

function ms(v) { return v == null ? '' : (v < 10 ? v.toFixed(2) : v.toFixed(0)) + ' ms'; }

function when(t) { return t ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'never'; }

function table(heads, rows, id) {
  return el('div', { cls: 'wrap' }, [el('table', id ? { id: id } : {}, [
    el('thead', {}, [el('tr', {}, heads.map(function (h) {
      /* '#': a number column; '~': one a phone leaves out */
      return el('th', { text: h.replace(/^[#~]/, ''), cls: h[0] === '#' ? 'num' : h[0] === '~' ? 'hide-narrow' : '' });
    }))]),
    el('tbody', {}, rows)
  ])]);
}

/* --- functions --- */

function pageFunctions() {
  api('api/functions').then(function (j) {
    var rows = j.functions.map(function (f) {
      return el('tr', {}, [
        el('td', {}, [el('a', { href: '#source/' + encodeURIComponent(f.file), text: f.route })]),
        el('td', { cls: 'hide-narrow', text: f.file }),
        el('td', { cls: f.error ? 'err' : 'ok', text: f.error || 'ok' }),
        el('td', { cls: 'num', text: f.requests == null ? '' : String(f.requests) }),
        el('td', { cls: 'num', text: f.errors == null ? '' : String(f.errors) }),
        el('td', { cls: 'num', text: f.requests ? ms(f.p50) : '' }),
        el('td', { cls: 'num', text: f.requests ? ms(f.p99) : '' })
      ]);
    });
    show(el('h1', { text: 'Functions' }),
         el('p', { cls: 'muted', text: 'Root: ' + j.root + (j.stats ? ' · requests since ' + when(j.since) + ' (' + j.since_what + ')' +
           (j.dropped ? ' · ' + j.dropped + ' requests not counted: the table of functions is full' : '') :
           ' · no request figures: no shared counters (--data)') }),
         table(['Route', '~File', 'Compiles', '#Requests', '#5xx', '#p50', '#p99'], rows, 'functions'));
  }).catch(fail);
}

/* A small JavaScript/TypeScript highlighter: comments, strings, template
 * literals, numbers, keywords and regular expression literals, one pass. */
var KW = /^(?:await|break|case|catch|class|const|continue|debugger|default|delete|do|else|export|extends|false|finally|for|from|function|if|import|in|instanceof|interface|let|new|null|of|return|static|super|switch|this|throw|true|try|type|typeof|undefined|var|void|while|with|yield|async)$/;
var TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`)|(\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?n?\b|\b0[xXbBoO][\da-fA-F_]+n?\b)|([A-Za-z_$][\w$]*)|(\/(?![*\/])(?:[^\/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[dgimsuyv]*)/g;

function highlight(src) {
  var out = document.createDocumentFragment(), last = 0, m, prev = '';
  function text(s) { if (s) out.appendChild(document.createTextNode(s)); }
  TOKEN.lastIndex = 0;
  while ((m = TOKEN.exec(src))) {
    var before = src.slice(last, m.index), cls = null;
    if (m[5]) {
      /* a slash starts a regular expression only where a value may start */
      var p = (prev + before).replace(/\s+$/, '');
      if (p && /[\w$)\]]$/.test(p) && !/\b(?:return|typeof|case|do|else|in|of|void|yield|await)$/.test(p)) {
        text(before + '/'); last = m.index + 1; TOKEN.lastIndex = last; prev = '/'; continue;
      }
      cls = 're';
    } else if (m[1]) cls = 'cm';
    else if (m[2]) cls = 'st';
    else if (m[3]) cls = 'nu';
    else if (m[4] && KW.test(m[4])) cls = 'kw';
    text(before);
    if (cls) out.appendChild(el('span', { cls: cls, text: m[0] }));
    else text(m[0]);
    prev = m[0];
    last = TOKEN.lastIndex;
  }
  text(src.slice(last));
  return out;
}

function withLineNumbers(frag) {
  /* one numbered line per source line, the spans split where needed */
  var pre = el('pre', { cls: 'code', id: 'source' }), line = 1, cur = null;
  function newLine() {
    if (cur) pre.appendChild(document.createTextNode('\n'));
    cur = el('span', { cls: 'line' }, [el('span', { cls: 'ln', text: String(line++) })]);
    pre.appendChild(cur);
  }
  newLine();
  Array.prototype.forEach.call(frag.childNodes, function (n) {
    var parts = n.textContent.split('\n');
    parts.forEach(function (p, i) {
      if (i > 0) newLine();
      if (!p) return;
      cur.appendChild(n.nodeType === 1 ? el('span', { cls: n.className, text: p }) : document.createTextNode(p));
    });
  });
  return pre;
}

function pageSource(file) {
  api('api/source?file=' + encodeURIComponent(file)).then(function (j) {
    var r = j.resolved, settings = j.settings.map(function (s) {
      return el('div', {}, [el('h2', { text: s.file }), el('pre', { text: s.text })]);
    });
    show(el('h1', { text: j.file }),
         el('p', {}, [el('a', { href: '#functions', text: '← Functions' })]),
         withLineNumbers(highlight(j.source)),
         el('h2', { text: 'Settings that apply' }),
         el('p', { cls: r.failed ? 'err' : '', id: 'resolved', text: r.failed ? r.why :
           'access: ' + r.access + ' · timeout: ' + (r.timeout || 'the responder\'s') +
           ' · memory limit: ' + (r.memory_limit ? r.memory_limit + ' bytes' : 'the responder\'s') +
           ' · largest body: ' + (r.max_body >= 0 ? r.max_body + ' bytes' : 'the responder\'s') }),
         settings.length ? el('div', {}, settings) : el('p', { cls: 'muted', text: 'No _settings.json applies.' }));
  }).catch(fail);
}

/* --- the test console --- */

function pageConsole() {
  var method = el('select', { id: 'c-method' }, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map(function (m) {
    return el('option', { text: m });
  }));
  var path = el('input', { id: 'c-path', cls: 'grow', value: '/', 'aria-label': 'Path' });
  var headers = el('textarea', { id: 'c-headers', placeholder: 'Content-Type: application/json' });
  var body = el('textarea', { id: 'c-body', placeholder: 'request body' });
  var out = el('div', { id: 'c-result' });
  function run() {
    var h = {};
    headers.value.split('\n').forEach(function (l) {
      var i = l.indexOf(':');
      if (i > 0) h[l.slice(0, i).trim()] = l.slice(i + 1).trim();
    });
    out.textContent = 'Running…';
    api('api/run', { method: method.value, path: path.value, headers: h, body: body.value }).then(function (j) {
      out.textContent = '';
      out.appendChild(el('h2', { id: 'c-status', text: 'Status ' + j.status }));
      out.appendChild(el('p', { cls: 'muted', text: 'Request id ' + j.id }));
      out.appendChild(el('pre', { id: 'c-headers-out', text: j.headers.replace(/\r\n/g, '\n') }));
      out.appendChild(el('h2', { text: 'Body' }));
      out.appendChild(el('pre', { cls: 'wrap-lines', id: 'c-body-out', text: j.body }));
      out.appendChild(el('h2', { text: 'Log lines of this request' }));
      out.appendChild(logTable(j.log, 'c-log'));
    }).catch(function (e) { out.textContent = 'Error: ' + e.message; });
  }
  show(el('h1', { text: 'Test console' }),
       el('div', { cls: 'card' }, [
         el('div', { cls: 'row' }, [method, path, el('button', { id: 'c-run', text: 'Send', onclick: run })]),
         el('label', { for: 'c-headers', text: 'Headers (one "Name: value" a line)' }), headers,
         el('label', { for: 'c-body', text: 'Body' }), body]),
       out);
}

/* --- the store --- */

function pageStore() {
  var prefix = el('input', { id: 's-prefix', cls: 'grow', placeholder: 'key prefix' });
  var list = el('div', { id: 's-list' }), editor = el('div', { id: 's-editor' });
  var pages = [null];   /* the "after" key of each page */
  function load(page) {
    var after = pages[page];
    api('api/kv?limit=25&prefix=' + encodeURIComponent(prefix.value) +
        (after != null ? '&after=' + encodeURIComponent(after) : '')).then(function (j) {
      var rows = j.keys.map(function (k) {
        return el('tr', {}, [
          el('td', {}, [el('a', { href: '#', text: k.key, onclick: function (e) { e.preventDefault(); edit(k.key); } })]),
          el('td', { cls: 'num', text: String(k.size) }),
          el('td', { cls: 'hide-narrow', text: k.expires ? when(k.expires) : '' })
        ]);
      });
      if (j.keys.length) pages[page + 1] = j.keys[j.keys.length - 1].key;
      list.textContent = '';
      list.appendChild(table(['Key', '#Bytes', '~Expires'], rows, 's-keys'));
      list.appendChild(el('div', { cls: 'row' }, [
        page > 0 ? el('button', { cls: 'plain', text: '← Previous', onclick: function () { load(page - 1); } }) : null,
        el('span', { cls: 'muted', text: 'Page ' + (page + 1) }),
        j.more ? el('button', { cls: 'plain', id: 's-next', text: 'Next →', onclick: function () { load(page + 1); } }) : null
      ]));
    }).catch(function (e) { list.textContent = 'Error: ' + e.message; });
  }
  function edit(key) {
    var keyIn = el('input', { id: 'e-key', cls: 'grow', value: key || '' });
    var val = el('textarea', { id: 'e-value' });
    var ttl = el('input', { id: 'e-ttl', type: 'number', min: '0', placeholder: '0: never', 'aria-label': 'TTL in seconds' });
    var msg = el('span', { id: 'e-msg' });
    function save() {
      var v = val.value;
      try { v = JSON.stringify(JSON.parse(v)); } catch (e) { msg.className = 'err'; msg.textContent = 'Not JSON: ' + e.message; return; }
      api('api/kv/set', { key: keyIn.value, value: v, ttl: Number(ttl.value) || 0 }).then(function () {
        msg.className = 'ok'; msg.textContent = 'Saved.'; load(0);
      }).catch(function (e) { msg.className = 'err'; msg.textContent = e.message; });
    }
    function del() {
      if (!confirm('Delete ' + keyIn.value + '?')) return;
      api('api/kv/delete', { key: keyIn.value }).then(function () {
        msg.className = 'ok'; msg.textContent = 'Deleted.'; load(0);
      }).catch(function (e) { msg.className = 'err'; msg.textContent = e.message; });
    }
    editor.textContent = '';
    editor.appendChild(el('div', { cls: 'card' }, [
      el('div', { cls: 'row' }, [el('label', { for: 'e-key', text: 'Key' }), keyIn]),
      el('label', { for: 'e-value', text: 'Value (JSON)' }), val,
      el('div', { cls: 'row' }, [el('label', { for: 'e-ttl', text: 'TTL (s)' }), ttl,
        el('button', { id: 'e-save', text: 'Save', onclick: save }),
        key ? el('button', { cls: 'danger', id: 'e-delete', text: 'Delete', onclick: del }) : null, msg])
    ]));
    if (key) api('api/kv/get?key=' + encodeURIComponent(key)).then(function (j) {
      try { val.value = JSON.stringify(JSON.parse(j.value), null, 2); } catch (e) { val.value = j.value; }
      if (j.expires) ttl.value = Math.max(1, Math.round((j.expires - Date.now()) / 1000));
    }).catch(function (e) { msg.className = 'err'; msg.textContent = e.message; });
  }
  var file = el('input', { type: 'file', id: 's-import-file', accept: '.jsonl,.json,.txt' });
  var imsg = el('span', { id: 's-import-msg' });
  function doImport() {
    if (!file.files.length) return;
    file.files[0].text().then(function (t) { return api('api/kv/import', t, true); }).then(function (j) {
      imsg.className = 'ok'; imsg.textContent = 'Imported ' + j.imported + ' records.'; load(0);
    }).catch(function (e) { imsg.className = 'err'; imsg.textContent = e.message; });
  }
  show(el('h1', { text: 'Store' }),
       el('div', { cls: 'row' }, [prefix,
         el('button', { id: 's-search', text: 'List', onclick: function () { pages = [null]; load(0); } }),
         el('button', { cls: 'plain', id: 's-new', text: 'New key', onclick: function () { edit(null); } }),
         el('a', { href: 'api/kv/export', download: 'kv-dump.jsonl', text: 'Export' })]),
       editor, list,
       el('div', { cls: 'card' }, [el('div', { cls: 'row' }, [el('label', { for: 's-import-file', text: 'Import a dump' }), file,
         el('button', { cls: 'plain', id: 's-import', text: 'Import', onclick: doImport }), imsg])]));
  load(0);
}

/* --- logs --- */

function logTable(lines, id) {
  return table(['~Time', 'Level', 'Request', 'Function', 'Message'], lines.map(function (l) {
    return el('tr', {}, [
      el('td', { cls: 'hide-narrow', text: l.time.replace('T', ' ').replace('Z', '') }),
      el('td', { cls: 'lv-' + l.level, text: l.level }),
      el('td', {}, [l.id === '-' ? '-' : el('a', { href: '#logs/' + encodeURIComponent(l.id), text: l.id })]),
      el('td', { text: l.func }),
      el('td', { cls: 'msg', text: l.msg })
    ]);
  }), id);
}

function pageLogs(id) {
  var f = {
    level: el('select', { id: 'l-level' }, ['', 'access', 'debug', 'info', 'notice', 'warn', 'error', 'fatal'].map(function (v) {
      return el('option', { value: v, text: v || 'any level' });
    })),
    id: el('input', { id: 'l-id', placeholder: 'request id', value: id || '' }),
    func: el('input', { id: 'l-func', placeholder: 'function' }),
    q: el('input', { id: 'l-q', cls: 'grow', placeholder: 'text' })
  };
  var follow = el('input', { type: 'checkbox', id: 'l-follow' });
  var out = el('div', { id: 'l-out' }), count = el('span', { cls: 'muted', id: 'l-count' });
  var next = -1, lines = [];
  function query() {
    return Object.keys(f).map(function (k) { return k + '=' + encodeURIComponent(f[k].value); }).join('&');
  }
  function draw() { out.textContent = ''; out.appendChild(logTable(lines, 'l-lines')); count.textContent = lines.length + ' lines'; }
  function load() {
    next = -1;
    api('api/logs?limit=300&' + query()).then(function (j) { lines = j.lines; next = j.next; draw(); })
      .catch(function (e) { out.textContent = 'Error: ' + e.message; });
  }
  function poll() {
    if (next < 0 || !follow.checked) return;
    api('api/logs?limit=300&from=' + next + '&' + query()).then(function (j) {
      next = j.next;
      if (j.lines.length) { lines = lines.concat(j.lines).slice(-1000); draw(); }
    }).catch(function () {});
  }
  show(el('h1', { text: 'Logs' }),
       el('div', { cls: 'row' }, [f.level, f.id, f.func, f.q,
         el('button', { id: 'l-filter', text: 'Filter', onclick: load }),
         el('label', {}, [follow, ' follow']), count]),
       out);
  followTimer = setInterval(poll, 2000);
  load();
}

/* --- status --- */

function pageStatus() {
  var last = null;
  function tile(label, value, id) { return el('div', { cls: 'tile' }, [el('span', { cls: 'muted', text: label }), el('b', { id: id, text: value })]); }
  function load() {
    api('api/status').then(function (j) {
      var w = j.workers || { workers: [], requests: 0, busy: 0, idle: 0 };
      var rate = last ? ((w.requests - last.requests) * 1000 / Math.max(1, j.time_ms - last.time)).toFixed(1) : '…';
      last = { requests: w.requests, time: j.time_ms };
      show(el('h1', { text: 'Status' }),
           el('div', { cls: 'tiles' }, [
             tile('Workers busy / idle', w.busy + ' / ' + w.idle, 'st-workers'),
             tile('Requests', String(w.requests), 'st-requests'),
             tile('Requests per second', rate, 'st-rate'),
             tile('Memory (workers)', (j.memory_kb / 1024).toFixed(1) + ' MB', 'st-memory'),
             tile('Store size', (j.store_bytes / 1048576).toFixed(2) + ' MB', 'st-store'),
             tile('Killed for running over', String(w.killed || 0), 'st-killed')]),
           el('h2', { text: 'Workers' }),
           table(['PID', 'State', '#Requests', '#5xx', '#Age s', 'Request'], (w.workers || []).map(function (x) {
             return el('tr', {}, [el('td', { text: String(x.pid) }), el('td', { text: x.state }),
               el('td', { cls: 'num', text: String(x.requests) }), el('td', { cls: 'num', text: String(x.errors5xx) }),
               el('td', { cls: 'num', text: String(x.age_s) }), el('td', { text: x.path || '' })]);
           }), 'st-table'));
    }).catch(fail);
  }
  load();
  statusTimer = setInterval(load, 3000);
}

function route() {
  var h = decodeURIComponent(location.hash.slice(1)) || 'functions', i = h.indexOf('/');
  var page = i < 0 ? h : h.slice(0, i), arg = i < 0 ? '' : h.slice(i + 1);
  clearInterval(followTimer); clearInterval(statusTimer);
  Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
    a.className = a.getAttribute('href') === '#' + (page === 'source' ? 'functions' : page) ? 'on' : '';
  });
  if (page === 'source') pageSource(arg);
  else if (page === 'console') pageConsole();
  else if (page === 'store') pageStore();
  else if (page === 'logs') pageLogs(arg);
  else if (page === 'status') pageStatus();
  else pageFunctions();
}

document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('logout').addEventListener('click', function () {
    fetch('logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } })
      .then(function () { location.href = 'login'; });
  });
  api('api/session').then(function (j) {
    csrf = j.csrf;
    window.addEventListener('hashchange', route);
    route();
  }).catch(fail);
});
