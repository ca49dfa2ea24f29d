// POST /echo  ->  what the function received, as JSON.
// fnpool parses the body by its Content-Type: JSON gives a value, a form
// gives an object, text gives a string (see docs/functions.md).
module.exports = function (ctx) {
  return {
    method: ctx.method,
    query: ctx.query,
    contentType: ctx.headers['content-type'] || null,
    body: ctx.body === undefined ? null : ctx.body
  };
};
