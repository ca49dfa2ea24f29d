// The gateway of bench/fetch.sh: fetches a small JSON document from the
// upstream (env.UPSTREAM) and returns part of it.
module.exports = function (ctx) {
  return fetch(ctx.env.UPSTREAM).then(function (r) {
    if (!r.ok)
      throw new Error('upstream answered ' + r.status);
    return r.json();
  }).then(function (d) {
    return { id: d.id, name: d.name, items: d.items.length };
  });
};
