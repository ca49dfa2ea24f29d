// bench/concurrent.sh: fetches the local upstream (env.UPSTREAM), which
// answers after 20 ms, and returns part of its answer.
module.exports = function (ctx) {
  return fetch(ctx.env.UPSTREAM).then(function (r) {
    if (!r.ok)
      throw new Error('upstream answered ' + r.status);
    return r.json();
  }).then(function (d) {
    return { waited: d.waited };
  });
};
