/*
 * The form of the share dialog, for a new link or one being edited: its fields, a generated
 * password, and the request they ask for.
 */
import { $ } from '/assets/lib/dom.js';
import { shown } from '/assets/lib/format.js';
import { announce } from '/assets/lib/messages.js';

var editing = null;
var shownExpiry = '';

/** The link being edited, or null for a new one. */
export function editedLink() { return editing; }

/** Empties the form for a new link (and unmarks the link that was being edited in the list). */
export function resetForm() {
  editing = null;
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
  $('share-max-upload').value = '';
  $('share-max-file').value = '';
  $('share-limits').hidden = false;
  Array.prototype.forEach.call($('share-links').children, function (li) { li.className = ''; });
}

/** The day of an instant in the browser's time zone, as a date input's value. */
function dateInputValue(iso) {
  var d = new Date(iso);
  function two(n) { return (n < 10 ? '0' : '') + n; }
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
}

/** Fills the form with the link s, to edit it. */
export function editLink(s) {
  resetForm();
  editing = s;
  $('share-form-title').textContent = shown('Edit link' + (s.label ? ' “' + s.label + '”' : ''));
  $('share-submit').textContent = 'Save changes';
  $('share-cancel-edit').hidden = false;
  var p = s.permissions || {};
  $(p.read && p.write ? 'perm-edit' : p.write ? 'perm-drop' : 'perm-view').checked = true;
  $('perm-reshare').checked = !!p.reshare;
  $('share-password-remove-label').hidden = !s.has_password;
  $('share-password-keep').hidden = !s.has_password;
  $('share-expiry').value = s.expires_at ? dateInputValue(s.expires_at) : '';
  shownExpiry = $('share-expiry').value;
  $('share-label').value = s.label || '';
  $('share-max').value = s.max_accesses || '';
  // the upload limits are chosen when a link is made; they are shown in the list of links
  $('share-limits').hidden = true;
}

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

/** The PUT of the link being edited: a password only when set or removed, the expiry only when changed. */
function updateRequest(body, password) {
  if ($('share-password-remove').checked) { body.password = null; } else if (password) { body.password = password; }
  // the date field shows only the day: an untouched field keeps the exact expiry time
  if ($('share-expiry').value === shownExpiry) { delete body.expires_at; }
  return { method: 'PUT', url: '/api/shares/' + encodeURIComponent(editing.id), body: body };
}

/** The POST of a new link to item, without the fields left empty. */
function createRequest(item, body, password) {
  body.item_id = item.path;
  body.item_type = item.type;
  if (password) { body.password = password; }
  Object.keys(body).forEach(function (k) { if (body[k] === null) { delete body[k]; } });
  return { method: 'POST', url: '/api/shares', body: body };
}

/**
 * What the form asks for, for item: {method, url, body, password (as typed)}, or {error, focus}
 * when a field is not valid (focus: the id of the field to fix, if any).
 */
export function readForm(item) {
  var password = $('share-password').value;
  var expires;
  try { expires = expiryFromInput(); } catch (err) { return { error: err.message }; }
  if (password && password.length < 10) {
    return { error: 'The password is too short: use at least 10 characters, or press Generate.', focus: 'share-password' };
  }
  var maxText = $('share-max').value.trim();
  var max = maxText ? parseInt(maxText, 10) : null;
  if (maxText && (!/^\d+$/.test(maxText) || max < 1)) {
    return { error: 'The access limit must be a whole number of at least 1.' };
  }
  var label = $('share-label').value.trim();
  var body = { permissions: formPermissions(), expires_at: expires, label: label || null, max_accesses: max };
  if (!editing) {
    var limits = readLimits(body.permissions);
    if (limits.error) { return limits; }
    body.max_upload_bytes = limits.maxUpload;
    body.max_file_bytes = limits.maxFile;
  }
  var request = editing ? updateRequest(body, password) : createRequest(item, body, password);
  request.password = password;
  return request;
}

/** The upload limits in MB (10^6 bytes, as sizes are shown), in bytes; only for a link with write. */
function readLimits(permissions) {
  var out = { maxUpload: null, maxFile: null };
  var fields = [['share-max-upload', 'maxUpload', 'upload limit'], ['share-max-file', 'maxFile', 'file size limit']];
  for (var i = 0; i < fields.length; i++) {
    var text = $(fields[i][0]).value.trim();
    if (!text) { continue; }
    if (!/^\d+$/.test(text) || parseInt(text, 10) < 1) {
      return { error: 'The ' + fields[i][2] + ' must be a whole number of MB, at least 1.', focus: fields[i][0] };
    }
    if (!permissions.write) {
      return { error: 'Upload limits are only for links that allow uploads.', focus: fields[i][0] };
    }
    out[fields[i][1]] = parseInt(text, 10) * 1000000;
  }
  return out;
}

/** Cancel editing, Remove the password, Generate. */
export function wireShareForm() {
  $('share-cancel-edit').addEventListener('click', function () { resetForm(); });
  $('share-password-remove').addEventListener('change', function (e) {
    $('share-password').disabled = e.target.checked;
    if (e.target.checked) { $('share-password').value = ''; }
  });
  $('share-generate').addEventListener('click', function () {
    $('share-password-remove').checked = false;
    $('share-password').disabled = false;
    $('share-password').value = generatePassword();
    announce('A new password was generated');
  });
}
