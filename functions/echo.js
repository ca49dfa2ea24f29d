// POST /echo with a JSON body  ->  the same JSON back, plus what was asked.
// A body that is not JSON comes back as a string.
module.exports = function (ctx) {
  var data;
  try {
    data = ctx.body === '' ? null : JSON.parse(ctx.body);
  } catch (e) {
    data = ctx.body;
  }
  return {
    method: ctx.method,
    query: ctx.query,
    contentType: ctx.headers['content-type'] || null,
    body: data
  };
};
