/*
 * Requests to Sharebridge's API for both pages: an answer that is not 2xx becomes an ApiError
 * read from its problem+json body (code, detail, Retry-After); no connection is status 0.
 */

/** A refused request: its HTTP status (0: no connection), the problem's code and detail, and the seconds to wait. */
export function ApiError(status, code, detail, retry) {
  this.status = status;
  this.code = code;
  this.detail = detail;
  this.retry = retry;
}

/** The error of a request that got no answer. */
export function connectionLost() {
  return new ApiError(0, '', 'no connection', 5);
}

function retryAfter(value, fallback) {
  var s = parseInt(value || '', 10);
  return isNaN(s) ? fallback : s;
}

/**
 * The ApiError of an answer: its status, its body text (problem+json, or anything else) and
 * its Retry-After header; fallbackRetry seconds when that header is missing.
 */
export function problem(status, body, retryHeader, fallbackRetry) {
  var p = {};
  try { p = JSON.parse(body) || {}; } catch (e) { p = {}; }
  return new ApiError(status, p.code || '', p.detail || '', retryAfter(retryHeader, fallbackRetry));
}

/**
 * fetch(url, init), resolved with the answer when it is 2xx; rejected with its ApiError when it
 * is not, and with connectionLost() when there is no answer.
 */
export function send(url, init, fallbackRetry) {
  return fetch(url, init).catch(function () {
    throw connectionLost();
  }).then(function (res) {
    if (res.ok) { return res; }
    return res.text().then(function (text) {
      throw problem(res.status, text, res.headers.get('Retry-After'), fallbackRetry);
    });
  });
}
