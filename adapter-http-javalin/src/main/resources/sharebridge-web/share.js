/* Sharebridge share page: talks only to the public API of docs/reference.md §6. No third-party code. */
(function () {
  'use strict';

  var parts = location.pathname.split('/');
  var token = parts.length > 2 ? decodeURIComponent(parts[2]) : '';
  var api = '/api/s/' + encodeURIComponent(token);
  var share = null;
  var views = ['loading', 'missing', 'error', 'password', 'file', 'folder', 'upload'];

  function $(id) { return document.getElementById(id); }

  function show(names) {
    views.forEach(function (v) { $('view-' + v).hidden = names.indexOf(v) < 0; });
  }

  function announce(text) { $('status').textContent = text; }

  /*
   * A name as shown: bidirectional controls (U+202E makes "invoice\u202Efdp.exe" read as
   * "invoiceexe.pdf") are written out visibly, so a name can never look like another. The name
   * itself, used in addresses, is left as it is.
   */
  var BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  function shown(name) {
    return String(name).replace(BIDI, function (c) {
      return '[U+' + c.charCodeAt(0).toString(16).toUpperCase() + ']';
    });
  }

  function encodePath(segments) {
    return segments.map(encodeURIComponent).join('/');
  }

  function currentPath() {
    var h = location.hash.replace(/^#\/?/, '');
    if (!h) { return []; }
    return h.split('/').filter(function (s) { return s.length > 0; }).map(function (s) {
      try { return decodeURIComponent(s); } catch (e) { return s; }
    });
  }

  function humanSize(n) {
    if (typeof n !== 'number') { return ''; }
    var units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
    var i = 0;
    var v = n;
    while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    return (i === 0 ? String(v) : v.toFixed(v < 10 ? 1 : 0)) + ' ' + units[i];
  }

  function when(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleString();
  }

  function retryAfter(res) {
    var s = parseInt(res.headers.get('Retry-After') || '', 10);
    return isNaN(s) ? 60 : s;
  }

  function problem(res) {
    return res.json().catch(function () { return {}; }).then(function (body) {
      return { status: res.status, code: body.code || '', detail: body.detail || '', retry: retryAfter(res) };
    });
  }

  function fail(p) {
    if (p.status === 404) {
      show(['missing']);
      document.title = 'Link not found – Sharebridge';
    } else if (p.code === 'password_required') {
      showPassword();
    } else {
      $('error-text').textContent = p.status === 429
        ? 'Too many requests. Please try again in ' + p.retry + ' s.'
        : 'The server could not answer (' + (p.detail || p.status) + '). Please try again in a moment.';
      show(['error']);
    }
  }

  function open() {
    show(['loading']);
    fetch(api, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (res) {
      if (!res.ok) { return problem(res).then(fail); }
      return res.json().then(function (info) {
        share = info;
        render();
      });
    }).catch(function () {
      fail({ status: 0, code: '', detail: 'no connection', retry: 5 });
    });
  }

  function showPassword() {
    show(['password']);
    $('password').focus();
  }

  var lockUntil = 0;
  function lockForm(seconds) {
    lockUntil = Date.now() + seconds * 1000;
    var button = $('password-submit');
    button.disabled = true;
    function tick() {
      var left = Math.ceil((lockUntil - Date.now()) / 1000);
      if (left <= 0) {
        button.disabled = false;
        $('password-error').hidden = true;
        return;
      }
      $('password-error').textContent = 'Too many attempts. Try again in ' + left + ' s.';
      setTimeout(tick, 1000);
    }
    $('password-error').hidden = false;
    tick();
  }

  $('password-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var pw = $('password').value;
    var err = $('password-error');
    if (!pw) {
      err.textContent = 'Please enter the password.';
      err.hidden = false;
      return;
    }
    $('password-submit').disabled = true;
    fetch(api + '/verify', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ password: pw })
    }).then(function (res) {
      $('password-submit').disabled = false;
      if (res.ok) {
        $('password').value = '';
        err.hidden = true;
        open();
        return null;
      }
      return problem(res).then(function (p) {
        if (p.status === 429 || p.code === 'rate_limited') {
          lockForm(p.retry);
        } else if (p.code === 'invalid_password') {
          err.textContent = 'Wrong password. Please try again.';
          err.hidden = false;
          $('password').select();
        } else {
          fail(p);
        }
      });
    }).catch(function () {
      $('password-submit').disabled = false;
      err.textContent = 'No connection to the server. Please try again.';
      err.hidden = false;
    });
  });

  $('retry').addEventListener('click', open);

  function render() {
    var p = share.permissions || {};
    var label = shown(share.label || '');
    if (share.item_type === 'file') {
      document.title = shown(share.item_name) + ' – Sharebridge';
      $('file-name').textContent = shown(share.item_name);
      $('file-size').textContent = humanSize(share.size);
      $('file-expiry').textContent = share.expires_at ? 'available until ' + when(share.expires_at) : '';
      $('file-label').textContent = label;
      $('file-label').hidden = !label;
      $('file-download').href = api + '/download';
      show(['file']);
      return;
    }
    document.title = shown(share.item_name) + ' – Sharebridge';
    var visible = [];
    if (p.read) { visible.push('folder'); }
    if (p.write) { visible.push('upload'); }
    show(visible);
    $('drop-hint').hidden = p.read;
    $('upload-title').textContent = p.read ? 'Upload files' : 'Upload files to ' + shown(share.item_name);
    $('folder-label').textContent = label;
    $('folder-label').hidden = !label;
    if (p.read) { listFolder(); }
  }

  function listFolder() {
    var path = currentPath();
    var sub = path.length ? '/' + encodePath(path) : '';
    fetch(api + '/list' + sub, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (res) {
      if (!res.ok) {
        return problem(res).then(function (pr) {
          if (pr.status === 404 && path.length) {
            location.hash = '';
            return;
          }
          fail(pr);
        });
      }
      return res.json().then(function (listing) { renderListing(path, listing); });
    }).catch(function () {
      fail({ status: 0, code: '', detail: 'no connection', retry: 5 });
    });
  }

  function crumb(text, segments, current) {
    var li = document.createElement('li');
    if (current) {
      li.textContent = text;
      li.setAttribute('aria-current', 'page');
    } else {
      var a = document.createElement('a');
      a.textContent = text;
      a.href = '#/' + encodePath(segments);
      li.appendChild(a);
    }
    return li;
  }

  function renderListing(path, listing) {
    $('folder-name').textContent = shown(path.length ? path[path.length - 1] : share.item_name);
    var crumbs = $('crumbs');
    crumbs.textContent = '';
    crumbs.parentNode.hidden = path.length === 0;
    crumbs.appendChild(crumb(shown(share.item_name), [], path.length === 0));
    for (var i = 0; i < path.length; i++) {
      crumbs.appendChild(crumb(shown(path[i]), path.slice(0, i + 1), i === path.length - 1));
    }
    var sub = path.length ? '/' + encodePath(path) : '';
    $('folder-zip').href = api + '/zip' + sub;
    var body = $('items');
    body.textContent = '';
    var children = (listing.children || []).slice().sort(function (a, b) {
      if (a.type !== b.type) { return a.type === 'folder' ? -1 : 1; }
      return a.name.localeCompare(b.name);
    });
    if (path.length) {
      var up = document.createElement('tr');
      var upCell = document.createElement('td');
      upCell.className = 'name up';
      upCell.colSpan = 4;
      var upLink = document.createElement('a');
      upLink.href = '#/' + encodePath(path.slice(0, -1));
      upLink.textContent = '← Back to ' + shown(path.length > 1 ? path[path.length - 2] : share.item_name);
      upCell.appendChild(upLink);
      up.appendChild(upCell);
      body.appendChild(up);
    }
    children.forEach(function (c) {
      var tr = document.createElement('tr');
      var name = document.createElement('td');
      name.className = 'name';
      var icon = document.createElement('span');
      icon.className = 'icon ' + (c.type === 'folder' ? 'icon-folder' : 'icon-file');
      icon.setAttribute('aria-hidden', 'true');
      name.appendChild(icon);
      var link = document.createElement('a');
      var childPath = path.concat([c.name]);
      link.textContent = shown(c.name);
      if (c.type === 'folder') {
        link.href = '#/' + encodePath(childPath);
        link.setAttribute('aria-label', 'Open folder ' + shown(c.name));
      } else {
        link.href = api + '/download/' + encodePath(childPath);
        link.setAttribute('download', shown(c.name));
      }
      name.appendChild(link);
      var size = document.createElement('td');
      size.className = 'num';
      size.textContent = c.type === 'folder' ? '' : humanSize(c.size);
      var mod = document.createElement('td');
      mod.className = 'when';
      mod.textContent = when(c.modified_at);
      var act = document.createElement('td');
      if (c.type === 'file') {
        var dl = document.createElement('a');
        dl.className = 'button small';
        dl.href = api + '/download/' + encodePath(childPath);
        dl.setAttribute('download', shown(c.name));
        dl.textContent = 'Download';
        dl.setAttribute('aria-label', 'Download ' + shown(c.name));
        act.appendChild(dl);
      }
      tr.appendChild(name);
      tr.appendChild(size);
      tr.appendChild(mod);
      tr.appendChild(act);
      body.appendChild(tr);
    });
    $('empty').hidden = children.length > 0;
    $('items-table').hidden = children.length === 0 && path.length === 0;
    announce('Showing ' + shown(path.length ? path.join('/') : share.item_name) + ', ' + children.length + ' items');
  }

  window.addEventListener('hashchange', function () {
    if (share && share.item_type === 'folder' && share.permissions.read) { listFolder(); }
  });

  function uploadRow(file) {
    var li = document.createElement('li');
    var name = document.createElement('div');
    name.className = 'up-name';
    name.textContent = shown(file.name);
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', 'Upload progress of ' + shown(file.name));
    var state = document.createElement('div');
    state.textContent = 'Waiting…';
    li.appendChild(name);
    li.appendChild(bar);
    li.appendChild(state);
    $('uploads').appendChild(li);
    return { bar: bar, state: state };
  }

  function uploadOne(file, row) {
    return new Promise(function (resolve) {
      var path = share.permissions.read ? currentPath() : [];
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', api + '/upload/' + encodePath(path.concat([file.name])));
      xhr.withCredentials = true;
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) {
          row.bar.value = Math.round(e.loaded * 100 / e.total);
          row.state.textContent = row.bar.value + ' %';
        }
      });
      xhr.addEventListener('load', function () {
        if (xhr.status === 200 || xhr.status === 201) {
          row.bar.value = 100;
          row.state.textContent = xhr.status === 201 ? 'Uploaded' : 'Uploaded (replaced)';
          row.state.className = 'done';
          announce(shown(file.name) + ' uploaded');
        } else {
          var msg = 'Upload failed';
          if (xhr.status === 403) { msg = 'Not allowed: a file with this name may already exist'; }
          if (xhr.status === 401) { msg = 'Your access expired: reload the page'; }
          if (xhr.status === 404) { msg = 'This link no longer works'; }
          if (xhr.status === 413) { msg = 'The file is too large'; }
          if (xhr.status === 429 || xhr.status === 503) { msg = 'The server is busy; try again shortly'; }
          row.state.textContent = msg;
          row.state.className = 'failed';
          announce(shown(file.name) + ': ' + msg);
        }
        resolve();
      });
      xhr.addEventListener('error', function () {
        row.state.textContent = 'Upload failed: no connection';
        row.state.className = 'failed';
        resolve();
      });
      row.state.textContent = 'Uploading…';
      xhr.send(file);
    });
  }

  function uploadAll(fileList) {
    var files = Array.prototype.slice.call(fileList);
    if (!files.length) { return; }
    var rows = files.map(uploadRow);
    var chain = Promise.resolve();
    files.forEach(function (f, i) {
      chain = chain.then(function () { return uploadOne(f, rows[i]); });
    });
    chain.then(function () {
      if (share.permissions.read) { listFolder(); }
    });
  }

  $('file-input').addEventListener('change', function (e) {
    uploadAll(e.target.files);
    e.target.value = '';
  });

  var zone = $('dropzone');
  ['dragenter', 'dragover'].forEach(function (t) {
    zone.addEventListener(t, function (e) {
      e.preventDefault();
      zone.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    zone.addEventListener(t, function () { zone.classList.remove('over'); });
  });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files) { uploadAll(e.dataTransfer.files); }
  });

  if (!/^[A-Za-z0-9_-]{32}$/.test(token)) {
    show(['missing']);
  } else {
    open();
  }
}());
