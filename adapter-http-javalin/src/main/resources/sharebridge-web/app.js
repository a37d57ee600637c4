/*
 * Sharebridge owners' app. Talks only to the public REST API (files, shares, rooms) with the
 * user's API token as a bearer header. The token lives in this tab's sessionStorage, never in a
 * URL, a cookie or a log. All text goes into the page through textContent/value, never as HTML.
 * No third-party code.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'sharebridge.token';
  var token = sessionStorage.getItem(TOKEN_KEY) || '';
  var views = ['signin', 'files', 'links', 'rooms', 'room'];
  var state = { path: [], listing: [], linksCursor: null, room: null };

  function $(id) { return document.getElementById(id); }
  /*
   * Text as shown: bidirectional controls (U+202E makes "invoice\u202Efdp.exe" read as
   * "invoiceexe.pdf") are written out visibly, so a name of an item that already has them can
   * never look like another. Every helper below that puts text into the page uses it; names used
   * in addresses stay as they are.
   */
  var BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  function shown(text) {
    return String(text).replace(BIDI, function (c) {
      return '[U+' + c.charCodeAt(0).toString(16).toUpperCase() + ']';
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = shown(text); }
    return e;
  }
  function button(text, cls, onClick, label) {
    var b = el('button', 'button small' + (cls ? ' ' + cls : ''), text);
    b.type = 'button';
    if (label) { b.setAttribute('aria-label', shown(label)); }
    b.addEventListener('click', onClick);
    return b;
  }
  function announce(text) { $('status').textContent = shown(text); }
  function showError(id, text) {
    var e = $(id);
    e.textContent = shown(text || '');
    e.hidden = !text;
  }
  function flash(text, info) {
    var f = $('flash');
    f.textContent = shown(text || '');
    f.className = 'flash' + (info ? ' info' : '');
    f.hidden = !text;
  }
  function show(name) {
    views.forEach(function (v) { $('view-' + v).hidden = v !== name; });
    var tab = name === 'room' ? 'rooms' : name;
    ['files', 'links', 'rooms'].forEach(function (t) {
      if (t === tab) { $('nav-' + t).setAttribute('aria-current', 'page'); } else { $('nav-' + t).removeAttribute('aria-current'); }
    });
  }

  /* ---------- formatting ---------- */

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
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function segments(path) { return String(path || '').split('/').filter(function (s) { return s.length > 0; }); }
  function encodePath(segs) { return segs.map(encodeURIComponent).join('/'); }
  function permsText(p) {
    p = p || {};
    var text = p.read && p.write ? 'can edit' : p.write ? 'file drop' : 'view only';
    return p.reshare ? text + ', can reshare' : text;
  }

  /* ---------- the API ---------- */

  function ApiError(status, code, detail, retry) {
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.retry = retry;
  }

  function retryAfter(value) {
    var s = parseInt(value || '', 10);
    return isNaN(s) ? 30 : s;
  }

  function toError(status, body, retryHeader) {
    var p = {};
    try { p = typeof body === 'string' ? JSON.parse(body) : body || {}; } catch (e) { p = {}; }
    return new ApiError(status, p.code || '', p.detail || '', retryAfter(retryHeader));
  }

  /** A user-facing sentence for every problem the API can answer with. */
  function explain(err) {
    if (!(err instanceof ApiError)) { return 'Something went wrong in this page. Please reload it.'; }
    var d = err.detail || '';
    switch (err.code) {
      case 'validation_failed':
        var guessable = /too easy to guess: (.*)$/.exec(d);
        if (guessable) { return 'This password is too easy to guess. ' + guessable[1] + ' Or press Generate.'; }
        if (/token of the link/.test(d)) { return 'The password must not contain the link\'s token (it is part of the link). Choose another, or press Generate.'; }
        if (/bidirectional/.test(d)) { return 'The text contains invisible characters that change how it reads (right-to-left controls). Remove them.'; }
        if (/not be later than/.test(d)) { return 'The expiry date is too far in the future: ' + d; }
        if (/password must be at least/.test(d)) { return 'The password is too short: use at least 10 characters, or press Generate.'; }
        if (/password must not exceed/.test(d)) { return 'The password is too long: at most 72 bytes.'; }
        if (/control characters/.test(d)) { return 'The text contains characters that are not allowed.'; }
        if (/expires_at must be in the future|expire after/.test(d)) { return 'The expiry date must be in the future.'; }
        if (/^(path|item_id|below)\b/.test(d)) { return 'This name cannot be used: ' + d; }
        return 'Please check your input: ' + d;
      case 'unauthorized': return 'Your sign-in is no longer valid. Please sign in again.';
      case 'forbidden': return 'You are not allowed to do this' + (d ? ': ' + d : '.');
      case 'not_found': return 'Not found: it may have been deleted in the meantime.';
      case 'conflict': return 'This conflicts with an existing item' + (d ? ': ' + d : '.');
      case 'rate_limited': return 'Too many requests. Please wait ' + err.retry + ' s and try again.';
      case 'service_busy': return 'The server is busy. Please try again in ' + err.retry + ' s.';
      case 'upstream_unavailable':
        return 'The storage (NextCloud) is not reachable right now. Nothing was changed; please try again later.';
      case 'payload_too_large': return 'This is too large for the server.';
      case 'method_not_allowed': return 'The server does not support this action.';
      default:
        if (err.status === 0) { return 'No connection to the server. Check your network and try again.'; }
        if (err.status === 413) { return 'The file is too large for the server.'; }
        return 'The server could not do this (' + (d || 'error ' + err.status) + '). Please try again.';
    }
  }

  function call(method, path, body) {
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + token };
    var init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).catch(function () {
      throw new ApiError(0, '', '', 5);
    }).then(function (res) {
      if (res.status === 204) { return null; }
      return res.text().then(function (text) {
        if (!res.ok) {
          var err = toError(res.status, text, res.headers.get('Retry-After'));
          if (res.status === 401 && token) { signOut('Your sign-in is no longer valid. Please sign in again.'); }
          throw err;
        }
        return text ? JSON.parse(text) : null;
      });
    });
  }

  /* ---------- clipboard ---------- */

  /** Copies the value of an input, or the text of any other element, and says so on the button. */
  function copy(source, btn) {
    var isInput = source.tagName === 'INPUT';
    var value = isInput ? source.value : source.textContent;
    var label = btn.getAttribute('data-label') || btn.textContent;
    btn.setAttribute('data-label', label);
    function done(text) {
      btn.textContent = text;
      announce(text);
      setTimeout(function () { btn.textContent = label; }, 2000);
    }
    function fallback() {
      // no clipboard access (old browser, denied permission): select the text for Ctrl+C / long press
      if (isInput) {
        source.focus();
        source.select();
      } else {
        var range = document.createRange();
        range.selectNodeContents(source);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      var row = btn.parentNode;
      var hint = row.nextElementSibling;
      if (!hint || !hint.classList.contains('copy-hint')) {
        hint = el('p', 'copy-hint', 'Selected: press Ctrl+C (⌘C on a Mac) to copy.');
        row.parentNode.insertBefore(hint, row.nextSibling);
      }
      announce('Copying is not allowed here; the text is selected instead');
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).then(function () { done('Copied'); }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener('click', function (e) {
    var target = e.target.closest ? e.target.closest('[data-copy]') : null;
    if (target) { copy($(target.getAttribute('data-copy')), target); }
  });

  /* ---------- confirmation ---------- */

  var confirmAction = null;
  function confirm(title, text, yesLabel, action) {
    $('confirm-title').textContent = shown(title);
    $('confirm-text').textContent = shown(text);
    $('confirm-yes').textContent = yesLabel;
    confirmAction = action;
    $('confirm-dialog').showModal();
    $('confirm-no').focus();
  }
  $('confirm-no').addEventListener('click', function () { $('confirm-dialog').close(); });
  $('confirm-yes').addEventListener('click', function () {
    var action = confirmAction;
    confirmAction = null;
    $('confirm-dialog').close();
    if (action) { action(); }
  });

  /* ---------- sign in / out ---------- */

  function signOut(message) {
    token = '';
    sessionStorage.removeItem(TOKEN_KEY);
    ['share-dialog', 'confirm-dialog'].forEach(function (id) { if ($(id).open) { $(id).close(); } });
    $('nav').hidden = true;
    $('sign-out').hidden = true;
    $('files-items').textContent = '';
    $('links-items').textContent = '';
    $('rooms-list').textContent = '';
    flash('');
    showError('signin-error', message || '');
    show('signin');
    $('signin-token').value = '';
    $('signin-token').focus();
  }

  function signedIn() {
    $('nav').hidden = false;
    $('sign-out').hidden = false;
    route();
  }

  $('signin-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var typed = $('signin-token').value.trim();
    if (!typed) {
      showError('signin-error', 'Please enter your API token.');
      return;
    }
    $('signin-submit').disabled = true;
    var previous = token;
    token = typed;
    // a cheap authenticated call tells a good token from a wrong one
    call('GET', '/api/folders').then(function () {
      sessionStorage.setItem(TOKEN_KEY, token);
      $('signin-token').value = '';
      showError('signin-error', '');
      signedIn();
    }, function (err) {
      token = previous;
      showError('signin-error', err.status === 401
        ? 'Wrong token: the server did not accept it. Check that you copied all of it.'
        : explain(err));
      $('signin-token').select();
    }).then(function () { $('signin-submit').disabled = false; });
  });

  $('sign-out').addEventListener('click', function () { signOut(''); });

  /* ---------- routing: #/files/a/b, #/links, #/rooms, #/rooms/ID ---------- */

  function route() {
    if (!token) { signOut(''); return; }
    flash('');
    var h = location.hash.replace(/^#\/?/, '');
    var parts = h.split('/');
    if (parts[0] === 'links') {
      openLinks();
    } else if (parts[0] === 'rooms' && parts[1]) {
      openRoom(decodeURIComponent(parts[1]));
    } else if (parts[0] === 'rooms') {
      openRooms();
    } else {
      var segs = parts[0] === 'files' ? parts.slice(1) : [];
      state.path = segs.filter(function (s) { return s.length > 0; }).map(function (s) {
        try { return decodeURIComponent(s); } catch (err) { return s; }
      });
      openFiles();
    }
  }
  window.addEventListener('hashchange', route);
  document.querySelector('.skip').addEventListener('click', function (e) {
    e.preventDefault();
    $('main').focus();
  });

  /* ---------- files ---------- */

  function filesHash(segs) { return '#/files' + (segs.length ? '/' + encodePath(segs) : ''); }

  function openFiles() {
    show('files');
    showError('files-error', '');
    var path = state.path.slice();
    var url = '/api/folders' + (path.length ? '/' + encodePath(path) : '');
    call('GET', url).then(function (listing) {
      if (path.join('/') !== state.path.join('/')) { return; }
      renderFiles(path, listing.children || []);
    }, function (err) {
      if (err.code === 'not_found' && path.length) {
        flash('The folder ' + path.join('/') + ' does not exist any more.');
        location.hash = filesHash(path.slice(0, -1));
        return;
      }
      if (err.status !== 401) { showError('files-error', explain(err)); }
    });
  }

  function crumb(text, segs, current) {
    var li = el('li');
    if (current) {
      li.textContent = shown(text);
      li.setAttribute('aria-current', 'page');
    } else {
      var a = el('a', '', text);
      a.href = filesHash(segs);
      li.appendChild(a);
    }
    return li;
  }

  function renderFiles(path, children) {
    state.listing = children;
    $('files-title').textContent = shown(path.length ? path[path.length - 1] : 'My files');
    document.title = shown(path.length ? path[path.length - 1] : 'My files') + ' – Sharebridge';
    var crumbs = $('files-crumbs');
    crumbs.textContent = '';
    crumbs.parentNode.hidden = path.length === 0;
    crumbs.appendChild(crumb('My files', [], path.length === 0));
    path.forEach(function (s, i) { crumbs.appendChild(crumb(s, path.slice(0, i + 1), i === path.length - 1)); });
    var body = $('files-items');
    body.textContent = '';
    var sorted = children.slice().sort(function (a, b) {
      if (a.type !== b.type) { return a.type === 'folder' ? -1 : 1; }
      return a.name.localeCompare(b.name);
    });
    sorted.forEach(function (item) { body.appendChild(fileRow(path, item)); });
    $('files-empty').hidden = sorted.length > 0;
    $('files-table').hidden = sorted.length === 0;
    announce('Showing ' + (path.length ? path.join('/') : 'My files') + ', ' + plural(sorted.length, 'item', 'items'));
  }

  function fileRow(path, item) {
    var segs = path.concat([item.name]);
    var tr = el('tr');
    var name = el('td', 'name');
    var icon = el('span', 'icon ' + (item.type === 'folder' ? 'icon-folder' : 'icon-file'));
    icon.setAttribute('aria-hidden', 'true');
    name.appendChild(icon);
    if (item.type === 'folder') {
      var a = el('a', '', item.name);
      a.href = filesHash(segs);
      a.setAttribute('aria-label', shown('Open folder ' + item.name));
      name.appendChild(a);
    } else {
      var dl = el('button', 'linklike', item.name);
      dl.type = 'button';
      dl.setAttribute('aria-label', shown('Download ' + item.name));
      dl.addEventListener('click', function () { download(segs, item.name); });
      name.appendChild(dl);
    }
    var size = el('td', 'num', item.type === 'folder' ? '' : humanSize(item.size));
    var mod = el('td', 'when', when(item.modified_at));
    var act = el('td', 'actions');
    act.appendChild(button('Share', 'primary', function () {
      openShareDialog({ path: segs.join('/'), name: item.name, type: item.type });
    }, 'Share ' + item.name));
    act.appendChild(button('Delete', 'danger', function () { askDelete(segs, item); }, 'Delete ' + item.name));
    tr.appendChild(name);
    tr.appendChild(size);
    tr.appendChild(mod);
    tr.appendChild(act);
    return tr;
  }

  /** A download needs the bearer header, so it goes through fetch and a short-lived object URL. */
  function download(segs, name) {
    showError('files-error', '');
    fetch('/api/files/' + encodePath(segs), { headers: { Authorization: 'Bearer ' + token }, credentials: 'omit', cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) {
          return res.text().then(function (t) { throw toError(res.status, t, res.headers.get('Retry-After')); });
        }
        return res.blob();
      }).then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = el('a');
        a.href = url;
        a.download = shown(name);
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      }).catch(function (err) {
        if (!(err instanceof ApiError)) { err = new ApiError(0, '', '', 5); }
        if (err.status === 401) { signOut(explain(err)); return; }
        showError('files-error', explain(err));
      });
  }

  function askDelete(segs, item) {
    var path = segs.join('/');
    call('GET', '/api/shares/count?below=' + encodeURIComponent(path)).then(function (r) {
      var n = r.count;
      var what = item.type === 'folder'
        ? 'The folder “' + item.name + '” and everything in it will be deleted.'
        : 'The file “' + item.name + '” will be deleted.';
      var links = n === 0 ? ' No share link points to it.'
        : ' ' + plural(n, 'share link', 'share links') + (item.type === 'folder' ? ' on it or inside it' : ' to it')
          + (n === 1 ? ' stops' : ' stop') + ' working.';
      confirm('Delete ' + item.name + '?', what + links, 'Delete', function () {
        call('DELETE', '/api/files/' + encodePath(segs)).then(function () {
          flash('Deleted ' + item.name + (n ? ' and ' + plural(n, 'link', 'links') : '') + '.', true);
          openFiles();
        }, function (err) { if (err.status !== 401) { showError('files-error', explain(err)); } });
      });
    }, function (err) { if (err.status !== 401) { showError('files-error', explain(err)); } });
  }

  $('new-folder-open').addEventListener('click', function () {
    $('new-folder-form').hidden = false;
    showError('new-folder-error', '');
    $('new-folder-name').focus();
  });
  $('new-folder-cancel').addEventListener('click', function () {
    $('new-folder-form').hidden = true;
    $('new-folder-name').value = '';
    $('new-folder-open').focus();
  });
  $('new-folder-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var name = $('new-folder-name').value.trim();
    if (!name) { showError('new-folder-error', 'Please enter a name.'); return; }
    if (name.indexOf('/') >= 0) { showError('new-folder-error', 'A folder name cannot contain “/”.'); return; }
    call('POST', '/api/folders/' + encodePath(state.path.concat([name]))).then(function (item) {
      $('new-folder-form').hidden = true;
      $('new-folder-name').value = '';
      flash(item && item.name ? 'Folder “' + name + '” is ready.' : '', true);
      openFiles();
    }, function (err) { if (err.status !== 401) { showError('new-folder-error', explain(err)); } });
  });

  /* uploads: one XHR per file for its progress, one after the other */

  function uploadRow(file) {
    var li = el('li');
    li.appendChild(el('div', 'up-name', file.name));
    var bar = el('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', shown('Upload progress of ' + file.name));
    var note = el('div', '', 'Waiting…');
    li.appendChild(bar);
    li.appendChild(note);
    $('files-uploads').appendChild(li);
    return { li: li, bar: bar, note: note };
  }

  function uploadOne(folder, file, row) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open('PUT', '/api/files/' + encodePath(folder.concat([file.name])));
      xhr.setRequestHeader('Authorization', 'Bearer ' + token);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) {
          row.bar.value = Math.round(e.loaded * 100 / e.total);
          row.note.textContent = row.bar.value + ' %';
        }
      });
      xhr.addEventListener('load', function () {
        if (xhr.status === 200 || xhr.status === 201) {
          row.bar.value = 100;
          row.note.textContent = xhr.status === 201 ? 'Uploaded' : 'Uploaded (replaced the old file)';
          row.note.className = 'done';
          announce(file.name + ' uploaded');
        } else {
          var err = toError(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After'));
          row.note.textContent = 'Failed: ' + explain(err);
          row.note.className = 'failed';
          row.li.classList.add('bad');
          announce(file.name + ': upload failed');
          if (xhr.status === 401) { signOut(explain(err)); }
        }
        resolve();
      });
      xhr.addEventListener('error', function () {
        row.note.textContent = 'Failed: no connection to the server.';
        row.note.className = 'failed';
        resolve();
      });
      row.note.textContent = 'Uploading…';
      xhr.send(file);
    });
  }

  function uploadAll(fileList) {
    var files = Array.prototype.slice.call(fileList || []);
    if (!files.length) { return; }
    var folder = state.path.slice();
    $('files-uploads').textContent = '';
    var rows = files.map(uploadRow);
    var chain = Promise.resolve();
    files.forEach(function (f, i) {
      chain = chain.then(function () { return token ? uploadOne(folder, f, rows[i]) : null; });
    });
    chain.then(function () { if (token && !$('view-files').hidden) { openFiles(); } });
  }

  $('upload-input').addEventListener('change', function (e) {
    uploadAll(e.target.files);
    e.target.value = '';
  });

  (function dropTarget() {
    var area = $('view-files');
    var zone = $('files-drop');
    ['dragenter', 'dragover'].forEach(function (t) {
      area.addEventListener(t, function (e) {
        e.preventDefault();
        zone.classList.add('over');
      });
    });
    area.addEventListener('dragleave', function (e) {
      if (!area.contains(e.relatedTarget)) { zone.classList.remove('over'); }
    });
    area.addEventListener('drop', function (e) {
      e.preventDefault();
      zone.classList.remove('over');
      if (e.dataTransfer && e.dataTransfer.files) { uploadAll(e.dataTransfer.files); }
    });
  }());

  /* ---------- the share dialog ---------- */

  var dialog = { item: null, editing: null, links: [] };

  function openShareDialog(item) {
    dialog.item = item;
    $('share-title').textContent = shown('Share “' + item.name + '”');
    $('share-result').hidden = true;
    showError('share-error', '');
    var folder = item.type === 'folder';
    $('perm-edit-label').hidden = !folder;
    $('perm-drop-label').hidden = !folder;
    resetForm();
    $('share-links').textContent = '';
    $('share-links-empty').hidden = true;
    if (!$('share-dialog').open) { $('share-dialog').showModal(); }
    $('perm-view').focus();
    loadItemLinks();
  }

  function loadItemLinks() {
    return call('GET', '/api/shares?limit=200&item_id=' + encodeURIComponent(dialog.item.path)).then(function (page) {
      dialog.links = page.items || [];
      renderItemLinks();
    }, function (err) { if (err.status !== 401) { showError('share-error', explain(err)); } });
  }

  function linkMeta(s) {
    var parts = [permsText(s.permissions)];
    parts.push(s.has_password ? 'password' : 'no password');
    parts.push(s.expires_at ? 'expires ' + when(s.expires_at) : 'never expires');
    parts.push('opened ' + plural(s.access_count, 'time', 'times')
      + (s.max_accesses ? ' of ' + s.max_accesses : '')
      + (s.last_accessed_at ? ', last ' + when(s.last_accessed_at) : ''));
    if (s.parent_id) { parts.push('reshared by a visitor'); }
    return parts.join(' · ');
  }

  function renderItemLinks() {
    var list = $('share-links');
    list.textContent = '';
    dialog.links.forEach(function (s) {
      var li = el('li');
      li.setAttribute('data-share-id', s.id);
      if (dialog.editing && dialog.editing.id === s.id) { li.className = 'editing'; }
      if (s.label) { li.appendChild(el('strong', '', s.label)); }
      var url = el('div', 'link-url', s.url);
      url.id = 'item-link-' + s.id;
      li.appendChild(url);
      li.appendChild(el('p', 'meta', linkMeta(s)));
      var row = el('div', 'row');
      var c = button('Copy link', '', function () {}, 'Copy link ' + (s.label || s.url));
      c.setAttribute('data-copy', url.id);
      row.appendChild(c);
      row.appendChild(button('Edit', '', function () { startEdit(s); }, 'Edit link ' + (s.label || s.url)));
      row.appendChild(button('Revoke', 'danger', function () { askRevoke(s, loadItemLinks); }, 'Revoke link ' + (s.label || s.url)));
      li.appendChild(row);
      list.appendChild(li);
    });
    $('share-links-empty').hidden = dialog.links.length > 0;
  }

  function askRevoke(s, after) {
    confirm('Revoke this link?', 'People who have the link' + (s.label ? ' “' + s.label + '”' : '')
      + ' will get “not found”. Links that visitors reshared from it stop working too.', 'Revoke', function () {
      call('DELETE', '/api/shares/' + encodeURIComponent(s.id)).then(function () {
        announce('Link revoked');
        if (dialog.editing && dialog.editing.id === s.id) { resetForm(); }
        $('share-result').hidden = true;
        after();
      }, function (err) {
        if (err.status === 401) { return; }
        if ($('share-dialog').open) { showError('share-error', explain(err)); } else { flash(explain(err)); }
      });
    });
  }

  function resetForm() {
    dialog.editing = null;
    $('share-form-title').textContent = 'New link';
    $('share-submit').textContent = 'Create link';
    $('share-cancel-edit').hidden = true;
    $('perm-view').checked = true;
    $('perm-reshare').checked = false;
    $('share-password').value = '';
    $('share-password-remove').checked = false;
    $('share-password-remove-label').hidden = true;
    $('share-password-keep').hidden = true;
    $('share-password').disabled = false;
    $('share-expiry').value = '';
    $('share-label').value = '';
    $('share-max').value = '';
    Array.prototype.forEach.call($('share-links').children, function (li) { li.className = ''; });
  }

  function dateInputValue(iso) {
    var d = new Date(iso);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
  }

  function startEdit(s) {
    resetForm();
    dialog.editing = s;
    $('share-form-title').textContent = shown('Edit link' + (s.label ? ' “' + s.label + '”' : ''));
    $('share-submit').textContent = 'Save changes';
    $('share-cancel-edit').hidden = false;
    var p = s.permissions || {};
    $(p.read && p.write ? 'perm-edit' : p.write ? 'perm-drop' : 'perm-view').checked = true;
    $('perm-reshare').checked = !!p.reshare;
    $('share-password-remove-label').hidden = !s.has_password;
    $('share-password-keep').hidden = !s.has_password;
    $('share-expiry').value = s.expires_at ? dateInputValue(s.expires_at) : '';
    dialog.shownExpiry = $('share-expiry').value;
    $('share-label').value = s.label || '';
    $('share-max').value = s.max_accesses || '';
    renderItemLinks();
    $('share-form-title').scrollIntoView({ block: 'nearest' });
    $('perm-view').focus();
  }

  $('share-cancel-edit').addEventListener('click', function () { resetForm(); });
  $('share-password-remove').addEventListener('change', function (e) {
    $('share-password').disabled = e.target.checked;
    if (e.target.checked) { $('share-password').value = ''; }
  });

  /** 20 characters from a CSPRNG; rejection sampling keeps every character equally likely. */
  function generatePassword() {
    var alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    var limit = 256 - (256 % alphabet.length);
    for (;;) {
      var out = '';
      while (out.length < 20) {
        var bytes = new Uint8Array(32);
        crypto.getRandomValues(bytes);
        for (var i = 0; i < bytes.length && out.length < 20; i++) {
          if (bytes[i] < limit) { out += alphabet.charAt(bytes[i] % alphabet.length); }
        }
      }
      if (/[A-Z]/.test(out) && /[a-z]/.test(out) && /[0-9]/.test(out)) { return out; }
    }
  }

  $('share-generate').addEventListener('click', function () {
    $('share-password-remove').checked = false;
    $('share-password').disabled = false;
    $('share-password').value = generatePassword();
    announce('A new password was generated');
  });

  function formPermissions() {
    var v = document.querySelector('input[name="share-perm"]:checked').value;
    return { read: v !== 'drop', write: v !== 'view', reshare: $('perm-reshare').checked };
  }

  /** The end of the chosen day in the browser's time zone, as UTC. */
  function expiryFromInput() {
    var v = $('share-expiry').value;
    if (!v) { return null; }
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m) { throw new Error('Please enter the expiry date as a date.'); }
    var d = new Date(+m[1], +m[2] - 1, +m[3], 23, 59, 59);
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  $('share-form').addEventListener('submit', function (e) {
    e.preventDefault();
    showError('share-error', '');
    var password = $('share-password').value;
    var expires;
    try { expires = expiryFromInput(); } catch (err) { showError('share-error', err.message); return; }
    if (password && password.length < 10) {
      showError('share-error', 'The password is too short: use at least 10 characters, or press Generate.');
      $('share-password').focus();
      return;
    }
    var maxText = $('share-max').value.trim();
    var max = maxText ? parseInt(maxText, 10) : null;
    if (maxText && (!/^\d+$/.test(maxText) || max < 1)) {
      showError('share-error', 'The access limit must be a whole number of at least 1.');
      return;
    }
    var label = $('share-label').value.trim();
    var body = { permissions: formPermissions(), expires_at: expires, label: label || null, max_accesses: max };
    var editing = dialog.editing;
    var request;
    if (editing) {
      if ($('share-password-remove').checked) { body.password = null; } else if (password) { body.password = password; }
      // the date field shows only the day: an untouched field keeps the exact expiry time
      if ($('share-expiry').value === dialog.shownExpiry) { delete body.expires_at; }
      request = call('PUT', '/api/shares/' + encodeURIComponent(editing.id), body);
    } else {
      body.item_id = dialog.item.path;
      body.item_type = dialog.item.type;
      if (password) { body.password = password; }
      Object.keys(body).forEach(function (k) { if (body[k] === null) { delete body[k]; } });
      request = call('POST', '/api/shares', body);
    }
    $('share-submit').disabled = true;
    request.then(function (share) {
      $('share-result-title').textContent = editing ? 'Link updated' : 'Link ready';
      $('share-result-url').value = share.url;
      $('share-result-password').value = password;
      $('share-result-password-row').hidden = !password || body.password === null;
      $('share-result').hidden = false;
      resetForm();
      announce(editing ? 'Link updated' : 'Link created');
      $('share-copy-url').focus();
      return loadItemLinks();
    }, function (err) {
      if (err.status !== 401) { showError('share-error', explain(err)); }
    }).then(function () { $('share-submit').disabled = false; });
  });

  $('share-close').addEventListener('click', function () { $('share-dialog').close(); });
  $('share-dialog').addEventListener('close', function () {
    $('share-result-password').value = '';
    $('share-password').value = '';
    if (!$('view-links').hidden && token) { openLinks(); }
  });

  /* ---------- my links ---------- */

  function openLinks() {
    show('links');
    document.title = 'My links – Sharebridge';
    showError('links-error', '');
    $('links-items').textContent = '';
    state.linksCursor = null;
    loadLinks();
  }

  function loadLinks() {
    var url = '/api/shares?limit=50' + (state.linksCursor ? '&cursor=' + encodeURIComponent(state.linksCursor) : '');
    $('links-more').disabled = true;
    call('GET', url).then(function (page) {
      (page.items || []).forEach(function (s) { $('links-items').appendChild(linkRow(s)); });
      state.linksCursor = page.next_cursor || null;
      $('links-more').hidden = !state.linksCursor;
      var count = $('links-items').children.length;
      $('links-empty').hidden = count > 0;
      $('links-table').hidden = count === 0;
      announce(plural(count, 'link', 'links') + ' shown');
    }, function (err) {
      if (err.status !== 401) { showError('links-error', explain(err)); }
    }).then(function () { $('links-more').disabled = false; });
  }
  $('links-more').addEventListener('click', loadLinks);

  function linkRow(s) {
    var tr = el('tr');
    var item = el('td', 'name');
    var icon = el('span', 'icon ' + (s.item_type === 'folder' ? 'icon-folder' : 'icon-file'));
    icon.setAttribute('aria-hidden', 'true');
    item.appendChild(icon);
    item.appendChild(el('strong', '', s.item_name || s.item_id));
    if (s.label) { item.appendChild(el('span', 'badge', s.label)); }
    var url = el('span', 'sub', s.url);
    url.id = 'my-link-' + s.id;
    item.appendChild(url);
    item.appendChild(el('span', 'sub', permsText(s.permissions) + (s.has_password ? ' · password' : '')));
    var opened = el('td', 'num', String(s.access_count) + (s.max_accesses ? ' / ' + s.max_accesses : ''));
    opened.setAttribute('data-label', 'Opened ');
    if (s.last_accessed_at) { opened.title = 'Last opened ' + when(s.last_accessed_at); }
    var exp = el('td', 'when', s.expires_at ? when(s.expires_at) : 'never');
    exp.setAttribute('data-label', 'Expires ');
    var act = el('td', 'actions');
    var c = button('Copy link', '', function () {}, 'Copy link to ' + (s.item_name || s.item_id));
    c.setAttribute('data-copy', url.id);
    act.appendChild(c);
    act.appendChild(button('Manage', '', function () {
      openShareDialog({ path: segments(s.item_id).join('/'), name: s.item_name || s.item_id, type: s.item_type });
    }, 'Manage links of ' + (s.item_name || s.item_id)));
    act.appendChild(button('Revoke', 'danger', function () { askRevoke(s, openLinks); }, 'Revoke link to ' + (s.item_name || s.item_id)));
    tr.appendChild(item);
    tr.appendChild(opened);
    tr.appendChild(exp);
    tr.appendChild(act);
    return tr;
  }

  /* ---------- meeting rooms ---------- */

  function roomName(r) { return r.title || 'Untitled room'; }

  function openRooms() {
    show('rooms');
    document.title = 'Meeting rooms – Sharebridge';
    showError('room-create-error', '');
    call('GET', '/v1/rooms').then(function (r) {
      var list = $('rooms-list');
      list.textContent = '';
      (r.items || []).forEach(function (room) {
        var li = el('li');
        var a = el('a', '', roomName(room));
        a.href = '#/rooms/' + encodeURIComponent(room.id);
        li.appendChild(a);
        li.appendChild(el('span', 'sub muted', 'created by ' + room.created_by + ' · ' + when(room.created_at)));
        list.appendChild(li);
      });
      $('rooms-empty').hidden = list.children.length > 0;
    }, function (err) { if (err.status !== 401) { showError('room-create-error', explain(err)); } });
  }

  $('room-create-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var title = $('room-create-title').value.trim();
    call('POST', '/v1/rooms', title ? { title: title } : {}).then(function (room) {
      $('room-create-title').value = '';
      flash('Room “' + roomName(room) + '” created.', true);
      location.hash = '#/rooms/' + encodeURIComponent(room.id);
    }, function (err) { if (err.status !== 401) { showError('room-create-error', explain(err)); } });
  });

  function roomPath(suffix) { return '/v1/rooms/' + encodeURIComponent(state.room.id) + (suffix || ''); }

  function openRoom(id) {
    show('room');
    state.room = { id: id };
    showError('room-error', '');
    $('room-title').textContent = 'Room';
    $('room-meta').textContent = '';
    $('room-folder').hidden = true;
    $('room-folder-none').hidden = true;
    $('room-code-box').hidden = true;
    $('room-code').value = '';
    $('room-people-msg').textContent = '';
    call('GET', '/v1/rooms/' + encodeURIComponent(id)).then(function (room) {
      state.room = room;
      $('room-title').textContent = shown(roomName(room));
      document.title = shown(roomName(room)) + ' – Sharebridge';
      $('room-meta').textContent = 'Created by ' + room.created_by + ' on ' + when(room.created_at) + ' · id ' + room.id;
      return loadFolder();
    }, function (err) { if (err.status !== 401) { showError('room-error', explain(err)); } });
  }

  function loadFolder() {
    return call('GET', roomPath('/shared_folder')).then(showFolder, function (err) {
      if (err.code === 'not_found') { showFolder(null); } else if (err.status !== 401) { showError('room-error', explain(err)); }
    });
  }

  function showFolder(folder) {
    $('room-folder-none').hidden = !!folder;
    $('room-folder').hidden = !folder;
    if (!folder) {
      ['room-rw-url', 'room-rw-password', 'room-read-url', 'room-read-password'].forEach(function (id) { $(id).value = ''; });
      return;
    }
    $('room-read-url').value = folder.read.url;
    $('room-read-password').value = folder.read.password;
    $('room-rw').hidden = !folder.read_write;
    $('room-rw-url').value = folder.read_write ? folder.read_write.url : '';
    $('room-rw-password').value = folder.read_write ? folder.read_write.password : '';
    $('room-folder-delete').hidden = !folder.read_write;
  }

  $('room-folder-create').addEventListener('click', function () {
    var b = $('room-folder-create');
    b.disabled = true;
    b.textContent = 'Creating…';
    showError('room-error', '');
    call('PUT', roomPath('/shared_folder')).then(function (folder) {
      showFolder(folder);
      announce('Shared folder created');
      $('room-rw-url').focus();
    }, function (err) { if (err.status !== 401) { showError('room-error', explain(err)); } }).then(function () {
      b.disabled = false;
      b.textContent = 'Create shared folder';
    });
  });

  $('room-folder-delete').addEventListener('click', function () {
    confirm('Delete the shared folder?', 'The folder, its files and both links are deleted for everyone in the room.',
      'Delete folder', function () {
        call('DELETE', roomPath('/shared_folder')).then(function () {
          showFolder(null);
          announce('Shared folder deleted');
        }, function (err) { if (err.status !== 401) { showError('room-error', explain(err)); } });
      });
  });

  var peopleActions = {
    invite: { method: 'PUT', path: '/invitees/', done: ' was invited.' },
    uninvite: { method: 'DELETE', path: '/invitees/', done: ' was removed from the room.' },
    moderator: { method: 'PUT', path: '/moderators/', done: ' is now a moderator.' },
    unmoderator: { method: 'DELETE', path: '/moderators/', done: ' is no longer a moderator.' }
  };

  function people(action) {
    var user = $('room-user').value.trim();
    var msg = $('room-people-msg');
    if (!user) {
      msg.textContent = 'Please enter a user name.';
      msg.className = 'note bad';
      $('room-user').focus();
      return;
    }
    var a = peopleActions[action];
    call(a.method, roomPath(a.path + encodeURIComponent(user))).then(function () {
      msg.textContent = user + a.done;
      msg.className = 'note ok';
      $('room-user').value = '';
    }, function (err) {
      if (err.status === 401) { return; }
      msg.textContent = err.code === 'validation_failed'
        ? 'This is not a valid user name (lowercase letters, digits, “.”, “_” and “-”).' : explain(err);
      msg.className = 'note bad';
    });
  }

  $('room-people-form').addEventListener('submit', function (e) {
    e.preventDefault();
    people('invite');
  });
  Array.prototype.forEach.call(document.querySelectorAll('#room-people-form button[type="button"]'), function (b) {
    b.addEventListener('click', function () { people(b.getAttribute('data-action')); });
  });

  $('room-code-create').addEventListener('click', function () {
    showError('room-error', '');
    call('POST', roomPath('/invite_codes')).then(function (r) {
      $('room-code').value = r.code;
      $('room-code-box').hidden = false;
      $('room-code').focus();
      $('room-code').select();
      announce('Invite code created');
    }, function (err) { if (err.status !== 401) { showError('room-error', explain(err)); } });
  });

  $('room-delete').addEventListener('click', function () {
    var room = state.room;
    confirm('Delete the room “' + roomName(room) + '”?', 'The room and its shared folder with both links are deleted.',
      'Delete room', function () { deleteRoom(room, false); });
  });

  function deleteRoom(room, force) {
    call('DELETE', '/v1/rooms/' + encodeURIComponent(room.id) + (force ? '?force=true' : '')).then(function () {
      flash('Room “' + roomName(room) + '” deleted.', true);
      location.hash = '#/rooms';
    }, function (err) {
      if (err.status === 401) { return; }
      if (err.code === 'upstream_unavailable' && !force) {
        confirm('Delete the room anyway?', 'The shared folder could not be deleted because the storage is not reachable. '
          + 'Delete the room anyway? The folder and its links would then stay on the storage.', 'Delete anyway',
          function () { deleteRoom(room, true); });
        return;
      }
      showError('room-error', explain(err));
    });
  }

  /* ---------- start ---------- */

  if (token) { signedIn(); } else { signOut(''); }
}());
