// The cases of tests/unit/js/test_jsloop.c, run by Node to get the order
// each one must produce.  CI has no Node: the output, two C tables, is
// pasted into test_jsloop.c by hand (cases[], then rejections[]).
//
//   node tests/unit/js/jsloop-cases.js > tables.c
//
// Each case runs inside an I/O callback, as a request handler does, five
// times; a case whose order differs between runs is refused.  The
// rejection cases also list, after "| unhandled:", the reasons of the
// rejections no handler saw (Node's unhandledRejection events, in
// order); they attach every handler within the tick of the rejection,
// where Node and fnpool (which reports at the request's end) agree.
'use strict';
const cases = [
["then chains interleave, one step per tick", `
var p = Promise.resolve();
p.then(function () { log('a1'); }).then(function () { log('a2'); }).then(function () { log('a3'); });
p.then(function () { log('b1'); }).then(function () { log('b2'); }).then(function () { log('b3'); });
log('sync');
`],
["executor runs synchronously, then callbacks later", `
log('before');
var p = new Promise(function (resolve) { log('executor'); resolve('v'); log('after resolve'); });
p.then(function (v) { log('then ' + v); });
log('after');
p
`],
["resolve with a promise adopts it two ticks later", `
var r = Promise.resolve();
new Promise(function (res) { res(r); }).then(function () { log('adopted'); });
r.then(function () { log('t1'); }).then(function () { log('t2'); }).then(function () { log('t3'); });
`],
["thenables: then is called in a job, exceptions reject", `
var thenable = { then: function (f) { log('then called'); f('x'); } };
Promise.resolve(thenable).then(function (v) { log('thenable ' + v); });
var bad = { then: function () { throw new Error('boom'); } };
Promise.resolve(bad).catch(function (e) { log('bad ' + e.message); });
var twice = { then: function (f, r) { f(1); r(2); f(3); } };
Promise.resolve(twice).then(function (v) { log('twice ' + v); });
Promise.resolve().then(function () { log('tick1'); }).then(function () { log('tick2'); });
log('sync');
`],
["resolving a promise with itself rejects with TypeError", `
var resolveSelf;
var p = new Promise(function (r) { resolveSelf = r; });
resolveSelf(p);
p.catch(function (e) { log(e.name); });
var q = Promise.resolve().then(function () { return q; });
q.catch(function (e) { log('chained ' + e.name); });
`],
["executor throws: rejection; after resolve: ignored", `
new Promise(function () { throw new Error('e1'); }).catch(function (e) { log('caught ' + e.message); });
new Promise(function (r) { r('ok'); throw new Error('ignored'); }).then(function (v) { log('kept ' + v); });
`],
["then passes through non-functions", `
Promise.resolve(7).then(null).then(undefined, 5).then(function (v) { log('v' + v); });
Promise.reject(8).then(function () { log('no'); }).catch(function (e) { log('e' + e); });
`],
["finally passes values and reasons through", `
Promise.resolve(1).finally(function () { log('f1 ' + arguments.length); return 99; }).then(function (v) { log('v' + v); });
Promise.reject(new Error('e')).finally(function () { log('f2'); }).catch(function (e) { log('c ' + e.message); });
Promise.resolve(2).finally(function () { throw new Error('boom'); }).catch(function (e) { log('c ' + e.message); });
Promise.resolve(3).finally(function () { return Promise.reject('late'); }).catch(function (e) { log('c ' + e); });
`],
["all, race, allSettled, any", `
Promise.all([1, Promise.resolve(2), new Promise(function (r) { setTimeout(function () { r(3); }, 50); })]).then(function (v) { log('all ' + v.join()); });
Promise.all([]).then(function (v) { log('empty ' + v.length); });
Promise.all([Promise.reject(new Error('x')), 1]).catch(function (e) { log('allrej ' + e.message); });
Promise.race([new Promise(function (r) { setTimeout(function () { r('slow'); }, 100); }), new Promise(function (r) { setTimeout(function () { r('fast'); }, 2); })]).then(function (v) { log('race ' + v); });
Promise.allSettled([Promise.resolve(1), Promise.reject(2), 3]).then(function (v) { log('settled ' + v.map(function (o) { return o.status + ':' + (o.status === 'fulfilled' ? o.value : o.reason); }).join()); });
Promise.any([Promise.reject(1), Promise.resolve(2)]).then(function (v) { log('any ' + v); });
Promise.any([Promise.reject(1), Promise.reject(2)]).catch(function (e) { log('anyrej ' + e.name + ' ' + e.errors.join()); });
Promise.all(5).catch(function (e) { log('notiterable ' + e.name); });
Promise.race('ab').then(function (v) { log('string ' + v); });
`],
["microtasks before immediates before timers", `
setTimeout(function () { log('timeout'); }, 0);
setImmediate(function () { log('immediate'); });
Promise.resolve().then(function () { log('micro1'); });
queueMicrotask(function () { log('micro2'); });
log('sync');
`],
["timeouts by delay, then by insertion; arguments passed", `
// delays far apart: a loaded machine may pause between two calls
setTimeout(function () { log('a100'); }, 100);
setTimeout(function () { log('b50'); }, 50);
setTimeout(function () { log('c50'); }, 50);
setTimeout(function () { log('d0'); }, 0);
setTimeout(function (x, y) { log('e' + x + y); }, 1, 'x', 'y');
setTimeout(function () { log('f-neg'); }, -7);
setTimeout(function () { log('g-nan'); }, 'soon');
'end'
`],
["microtasks drain between timers and immediates", `
setTimeout(function () {
  log('t1');
  setImmediate(function () { log('i-from-t1'); });
  Promise.resolve().then(function () { log('m-from-t1'); });
}, 2);
setTimeout(function () { log('t2'); }, 3);
setImmediate(function () {
  log('i1');
  queueMicrotask(function () { log('m-from-i1'); });
});
setImmediate(function () { log('i2'); });
var t0 = Date.now();
while (Date.now() - t0 < 10)
  ;
'end'
`],
["clearTimeout and clearImmediate", `
var a = setTimeout(function () { log('a'); }, 1);
setTimeout(function () { log('b'); }, 1);
var c = setImmediate(function () { log('c'); });
setImmediate(function () { log('d'); clearTimeout(e); });
var e = setTimeout(function () { log('e'); }, 2);
clearTimeout(a);
clearImmediate(c);
clearTimeout(undefined);
clearTimeout(12345);
`],
["setInterval repeats until cleared, with its arguments", `
var n = 0;
setImmediate(function () { log('immediate'); });
Promise.resolve().then(function () { log('micro'); });
new Promise(function (done) { var id = setInterval(function (a) { n++; log('tick' + n + a); if (n === 3) { clearInterval(id); done(n); } }, 1, '!'); })
`],
["clearTimeout clears an interval, clearInterval a timeout", `
var i = setInterval(function () { log('never'); }, 1);
var t = setTimeout(function () { log('never2'); }, 1);
clearTimeout(i);
clearInterval(t);
setTimeout(function () { log('end'); }, 2);
'done'
`],
["an interval settles the returned promise", `
new Promise(function (r) { var k = 0; var id = setInterval(function () { k++; log('k' + k); if (k === 2) { clearInterval(id); r('two'); } }, 2); })
`],
["the returned promise is awaited", `
new Promise(function (r) { setTimeout(function () { log('timer'); r('done'); }, 0); })
`],
["a rejected returned promise", `
Promise.resolve().then(function () { log('step'); throw new Error('nope'); })
`],
["transpiled-style async: generator-free await chain", `
function step(v) { log('step ' + v); return new Promise(function (r) { setTimeout(function () { r(v + 1); }, 1); }); }
step(1).then(step).then(step)
`],
["combinators take arguments and strings; any([]) rejects", `
(function () { return Promise.all(arguments); })(1, Promise.resolve(2)).then(function (v) { log('args ' + v.join()); });
Promise.all('xy').then(function (v) { log('chars ' + v.join()); });
Promise.any([]).catch(function (e) { log('any-empty ' + e.name + ' ' + e.errors.length); });
Promise.race([]).then(function () { log('never'); });
Promise.allSettled([]).then(function (v) { log('settled-empty ' + v.length); });
`],
["reactions of several promises run in the order they were queued", `
var a = Promise.resolve('a'), b = Promise.reject('b'), c = new Promise(function (r) { r('c'); });
var settleD, d = new Promise(function (r) { settleD = r; });
d.then(function (v) { log('d1 ' + v); });
c.then(function (v) { log('c1 ' + v); });
b.catch(function (v) { log('b1 ' + v); });
a.then(function (v) { log('a1 ' + v); });
d.then(function (v) { log('d2 ' + v); });
settleD('d');
a.then(function (v) { log('a2 ' + v); });
log('sync');
`],
["adopting a promise whose then is not Promise's calls it in a job", `
var q = Promise.resolve('q');
q.then = function (f, r) { log('own then ' + typeof f + ' ' + typeof r + ' ' + f.length); return Promise.prototype.then.call(this, f, r); };
new Promise(function (r) { r(q); }).then(function (v) { log('adopted ' + v); });
Promise.resolve().then(function () { log('j1'); }).then(function () { log('j2'); }).then(function () { log('j3'); });
log('sync');
`],
["adopting a promise reads its constructor once, in the job; a bad one rejects", `
var reads = 0, s = Promise.resolve('s');
Object.defineProperty(s, 'constructor', { get: function () { reads++; log('constructor read'); return Promise; } });
new Promise(function (r) { r(s); log('resolved, reads ' + reads); }).then(function (v) { log('s ' + v + ' reads ' + reads); });
var bad = Promise.resolve('x');
bad.constructor = 5;
new Promise(function (r) { r(bad); }).catch(function (e) { log('bad constructor ' + e.name); });
Promise.resolve().then(function () { log('j1'); }).then(function () { log('j2'); }).then(function () { log('j3'); });
`],
["resolve functions: once only, the first call wins, later ones are ignored", `
var res, rej;
var p = new Promise(function (a, b) { res = a; rej = b; });
p.then(function (v) { log('p ' + v); }, function (e) { log('p rejected ' + e); });
res(Promise.resolve('first'));
res('second');
rej('third');
var res2;
var p2 = new Promise(function (a) { res2 = a; a({ then: function (f) { log('thenable'); f('from thenable'); } }); });
p2.then(function (v) { log('p2 ' + v); });
res2('ignored');
[typeof res, res.length, res.name, typeof rej, rej.length].join()
`],
["then on a settled promise queues at once; on a pending one at settlement", `
var r1, p1 = new Promise(function (r) { r1 = r; });
var p2 = Promise.resolve(2);
p1.then(function (v) { log('p1 ' + v); });
p2.then(function (v) { log('p2 ' + v); });
Promise.resolve().then(function () { log('m1'); r1(1); p2.then(function (v) { log('p2 again ' + v); }); });
queueMicrotask(function () { log('qm'); });
log('sync');
`],
["a frozen promise still settles and runs its reactions", `
var settle, p = Object.freeze(new Promise(function (r) { settle = r; }));
p.then(function (v) { log('then ' + v); });
settle('v');
Object.freeze(Promise.resolve('w')).then(function (v) { log('resolved ' + v); });
p
`],
["a then callback returning a thenable delays the chain", `
Promise.resolve().then(function () { log('a1'); return { then: function (f) { log('a-then'); f('av'); } }; }).then(function (v) { log('a2 ' + v); });
Promise.resolve().then(function () { log('b1'); }).then(function () { log('b2'); }).then(function () { log('b3'); }).then(function () { log('b4'); });
`],
["errors travel down a chain to the first onRejected; catch recovers", `
Promise.resolve(1).then(function () { throw new Error('e1'); }).then(function () { log('skipped'); }).then(null, function (e) { log('r ' + e.message); return 'back'; }).then(function (v) { log('v ' + v); });
Promise.all([{ then: function (f) { f('t'); } }, Promise.resolve('p'), 'c']).then(function (v) { log('all ' + v.join()); });
Promise.resolve(5).finally(7).then(function (v) { log('f ' + v); });
Promise.reject(6).finally().catch(function (e) { log('fr ' + e); });
`],
];

const rejections = [
["a rejection handled in a later job, or by a promise adopting it, is not reported", `
var a = Promise.reject(new Error('a'));
Promise.resolve().then(function () { a.catch(function (e) { log('a caught'); }); });
var f = Promise.reject('f');
new Promise(function (r) { r(f); }).catch(function (e) { log('f adopted ' + e); });
new Promise(function (r, j) { j('d'); });
log('sync');
`],
["a promise then derives rejects unhandled though its source is handled", `
var b = Promise.reject('b');
b.then(function () { log('never'); });
Promise.resolve().then(function () { throw 'e'; });
Promise.reject('g').catch(function (e) { log('g caught'); throw 'g2'; });
Promise.resolve().then(function () { return Promise.reject('adopted'); });
log('sync');
`],
["rejections are reported once each, in the order they happened", `
Promise.reject('first');
setTimeout(function () { Promise.reject('in timer'); log('timer'); }, 1);
setImmediate(function () { var p = Promise.reject('immediate'); p.then(null, function () { log('handled at once'); }); Promise.reject('second'); });
for (var i = 0; i < 100; i++) { var p = Promise.reject('r' + i); if (i % 10 !== 3) p.catch(function () {}); }
`],
];

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const runner = `
const fs = require('fs');
const out = [];
global.log = function (x) { out.push(String(x)); };
let outcome = '';
const unhandled = [];
process.on('unhandledRejection', function (r) { unhandled.push(String(r)); });
process.on('exit', function () {
  process.stdout.write(out.join(' ') + ' | ' + (process.argv[3] ? 'unhandled: ' + unhandled.join(', ') : outcome));
});
fs.readFile(__filename, function () {
  const r = (0, eval)(process.argv[2]);
  if (r !== null && (typeof r === 'object' || typeof r === 'function') && typeof r.then === 'function')
    Promise.resolve(r).then(function (v) { outcome = '=> ' + v; }, function (e) { outcome = '!! ' + e; });
  else
    outcome = '=> ' + r;
});
`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jsloop-cases-'));
const runnerFile = path.join(dir, 'runner.js');
fs.writeFileSync(runnerFile, runner);

const cString = (s) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
function table(list, rejections) {
let table = '';
for (const [name, src] of list) {
  const seen = new Set();
  for (let i = 0; i < 5; i++)
    seen.add(execFileSync(process.execPath, [runnerFile, src].concat(rejections ? ['1'] : [])).toString());
  if (seen.size !== 1) {
    console.error('order not deterministic in Node:', name, [...seen]);
    process.exit(1);
  }
  const lines = src.split('\n').filter((l) => l !== '');
  table += `\t{ "${name}",\n` +
    lines.map((l) => '\t    ' + cString(l).slice(0, -1) + '\\n"').join('\n') +
    `,\n\t    ${cString([...seen][0])} },\n`;
}
return table;
}
process.stdout.write(table(cases, false) + '\n/* rejections */\n' + table(rejections, true));
fs.rmSync(dir, { recursive: true });
