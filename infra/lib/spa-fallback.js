// CloudFront Function (cloudfront-js-2.0), viewer request, on the static bundle's behaviour only.
// A path whose last segment has no file extension is a route of the single-page app
// (/, /inventory, /orders/123): CloudFront asks S3 for /index.html instead, and since this runs
// before the cache lookup, every route shares the one cached index.html. Files (/assets/x.js,
// /favicon.svg) pass through. /api/* is a different behaviour that never runs this, so the API's
// own JSON 404s and 403s reach the client unchanged — which a distribution-wide custom error
// response (403/404 → /index.html) would not allow.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
