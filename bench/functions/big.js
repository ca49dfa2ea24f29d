// GET /fnpool/big  ->  64 KiB of 'x' (text/plain), built once per worker.
var body = new Array(65536 + 1).join('x');

module.exports = function (ctx) {
  return body;
};
