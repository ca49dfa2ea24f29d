// GET /  ->  a short plain-text index of the example functions.
module.exports = function (ctx) {
  return [
    'fnpool is running. Try:',
    '  GET  /hello?name=Ada',
    '  POST /echo      (send any JSON body)',
    '  GET  /counter   (module state, per worker)',
    ''
  ].join('\n');
};
