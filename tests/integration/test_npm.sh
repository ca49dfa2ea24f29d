#!/bin/bash
# Real packages from the npm registry, installed by npm as a user would,
# each required by a function behind nginx that calls it: the answer must
# be Node 20's for the same code (computed with node, written here: CI has
# no node).  Versions are pinned so the answers stay true.  Packages that
# MuJS cannot run must fail with the reason docs/javascript.md gives.
# Skips (saying why) when npm or the registry is not there.
. "$(dirname "$0")/lib.sh"

[ -x "$NGINX" ] || skip_all "nginx not installed ($NGINX): apt-get install nginx-light"
command -v npm >/dev/null || skip_all "npm is not installed (apt-get install npm)"
# npm_reason LOG: the line of an npm log that says what went wrong.
npm_reason() {
	grep -m1 -E 'request to|npm (error|ERR!) code' "$1" || tail -n1 "$1"
}
timeout 30 npm view lodash version >"$T/npm-view.out" 2>&1 ||
    skip_all "the npm registry is unreachable: $(npm_reason "$T/npm-view.out")"

# Those that work, then those that fail for a documented engine limit.
WORKING=(lodash@4.18.1 underscore@1.13.8 dayjs@1.11.23 date-fns@2.30.0
	handlebars@4.7.10 mustache@4.2.0 ms@2.1.3 bignumber.js@9.3.1
	js-yaml@3.15.2 crypto-js@3.3.0 qs@6.5.3 numeral@2.0.6 big.js@5.2.2
	sprintf-js@1.1.3 pluralize@8.0.0 seedrandom@3.0.5 blueimp-md5@2.19.0
	js-sha256@0.9.0 diff@4.0.4 tinycolor2@1.6.0 immutable@3.8.4
	url-parse@1.5.10 punycode@1.4.1 base64-js@1.5.1 showdown@1.9.1
	ramda@0.27.2 escape-html@1.0.3 async@2.6.4
	semver5@npm:semver@5.7.2 semver6@npm:semver@6.3.1
	jsonwebtoken@8.5.1 uuid@3.4.0 uuid8@npm:uuid@8.3.2 bcryptjs@2.4.3
	jwt-simple@0.5.6 eventemitter3@4.0.7 debug@2.6.9 safe-buffer@5.2.1
	moment@2.31.0 decimal.js@10.6.0 validator@13.15.35 marked@4.3.0
	he@1.2.0 emoji-regex@8.0.0 cookie@0.5.0 accounting@0.4.1 tslib@2.8.1
	@babel/runtime@7.26.0)
FAILING=(semver@7.8.6)

mkdir -p "$T/functions/pkg" "$T/functions/fails"
cd "$T/functions" || exit 1
echo '{ "name": "fnpool-npm-test", "private": true }' >package.json
# --ignore-scripts: nothing from the registry runs on this machine.
if ! timeout 600 npm install --no-audit --no-fund --ignore-scripts \
    --no-package-lock "${WORKING[@]}" "${FAILING[@]}" >"$T/npm-install.log" 2>&1; then
	skip_all "npm install failed: $(npm_reason "$T/npm-install.log")"
fi
cd - >/dev/null || exit 1
cat >"$T/functions/npm.js" <<'JS'
var _ = require('lodash');
var chunk = require('lodash/chunk');
var Mustache = require('mustache');
var ms = require('ms');
module.exports = function (ctx) {
  return {
    chunk: _.chunk([1, 2, 3, 4, 5], 2),
    chunkPath: chunk([1, 2, 3], 2),
    sorted: _.sortBy([{ n: 'b' }, { n: 'a' }], 'n').map(function (o) { return o.n; }),
    html: Mustache.render('Hello {{name}} {{esc}}', { name: ctx.query.name, esc: '<i>' }),
    ms: ms('2h'),
    msText: ms(90000),
    resolved: [require.resolve('lodash'), require.resolve('mustache')]
  };
};
JS

# pkg NAME: the function pkg/NAME.js (stdin); want NAME JSON: its answer.
names=()
wants=()
pkg() { cat >"$T/functions/pkg/$1.js"; }
want() { names+=("$1"); wants+=("$2"); }

pkg lodash <<'JS'
module.exports = function () {
  var _ = require('lodash');
  return [
    _.chunk([1,2,3,4,5], 2),
    _.sortBy([{n:'b'},{n:'a'}], 'n').map(function (o) { return o.n; }),
    _.template('hello <%= user %>!')({user: 'ada'}),
    _.camelCase('Foo Bar-baz'),
    _.kebabCase('fooBarBaz'),
    _.escape('<a href="x">'),
    _.get({a: [{b: 3}]}, 'a[0].b'),
    _.merge({a: {x: 1}}, {a: {y: 2}}),
    _.groupBy([1.3, 2.1, 2.4], Math.floor),
    _.isEqual({a: [1]}, {a: [1]}),
    _.padStart('7', 3, '0'),
    _.uniq([2, 1, 2])
  ];
};
JS
want lodash '[[[1,2],[3,4],[5]],["a","b"],"hello ada!","fooBarBaz","foo-bar-baz","&lt;a href=&quot;x&quot;&gt;",3,{"a":{"x":1,"y":2}},{"1":[1.3],"2":[2.1,2.4]},true,"007",[2,1]]'

pkg underscore <<'JS'
module.exports = function () {
  var _ = require('underscore');
  return [
    _.uniq([1, 2, 1, 3]),
    _.template('<%- x %>|<%= y %>')({x: '<b>', y: 2}),
    _.pluck([{a: 1}, {a: 2}], 'a'),
    _.countBy([1, 2, 3, 4], function (n) { return n % 2 ? 'odd' : 'even'; }),
    _.range(0, 10, 3)
  ];
};
JS
want underscore '[[1,2,3],"&lt;b&gt;|2",[1,2],{"odd":2,"even":2},[0,3,6,9]]'

pkg dayjs <<'JS'
module.exports = function () {
  var dayjs = require('dayjs');
  var d = dayjs('2024-02-29');
  return [
    d.add(1, 'year').format('YYYY-MM-DD'),
    d.format('ddd D MMM YYYY'),
    d.diff(dayjs('2024-01-01'), 'day'),
    d.startOf('month').format('YYYY-MM-DD'),
    dayjs('2024-02-29').isBefore(dayjs('2024-03-01'))
  ];
};
JS
want dayjs '["2025-02-28","Thu 29 Feb 2024",59,"2024-02-01",true]'

pkg date_fns <<'JS'
module.exports = function () {
  var f = require('date-fns');
  var d = new Date(2024, 1, 29, 13, 5);
  return [
    f.format(d, 'yyyy-MM-dd EEEE HH:mm'),
    f.format(f.addDays(d, 2), 'yyyy-MM-dd'),
    f.differenceInCalendarDays(new Date(2024, 11, 25), d),
    f.isLeapYear(d),
    f.formatDistance(new Date(2024, 0, 1), new Date(2024, 0, 3)),
    f.parseISO('2024-03-01T10:00:00Z').getTime()
  ];
};
JS
want date_fns '["2024-02-29 Thursday 13:05","2024-03-02",300,true,"2 days",1709287200000]'

pkg handlebars <<'JS'
module.exports = function () {
  var H = require('handlebars');
  return [
    H.compile('Hi {{name}}! {{#each items}}[{{this}}]{{/each}}{{#if ok}} yes{{/if}}')({name: '<Ada>', items: [1, 2], ok: true}),
    H.compile('{{{raw}}}')({raw: '<b>'})
  ];
};
JS
want handlebars '["Hi &lt;Ada&gt;! [1][2] yes","<b>"]'

pkg mustache <<'JS'
module.exports = function () {
  var M = require('mustache');
  return [
    M.render('Hello {{name}} {{#list}}<{{.}}>{{/list}} {{{html}}}', {name: 'Ada & co', list: [1, 2], html: '<i>'})
  ];
};
JS
want mustache '["Hello Ada &amp; co <1><2> <i>"]'

pkg ms <<'JS'
module.exports = function () {
  var ms = require('ms');
  return [
    ms('2 days'),
    ms('1.5h'),
    ms(60000),
    ms(ms('10h'), {long: true}),
    ms('-3m')
  ];
};
JS
want ms '[172800000,5400000,"1m","10 hours",-180000]'

pkg bignumber_js <<'JS'
module.exports = function () {
  var B = require('bignumber.js');
  return [
    new B('0.1').plus('0.2').toString(),
    new B(2).pow(100).toFixed(),
    new B('1').div(3).toFixed(20),
    new B('123.456').decimalPlaces(1).toString(),
    new B('255').toString(16)
  ];
};
JS
want bignumber_js '["0.3","1267650600228229401496703205376","0.33333333333333333333","123.5","ff"]'

pkg js_yaml <<'JS'
module.exports = function () {
  var y = require('js-yaml');
  return [
    y.safeLoad('a: 1\nb: [x, y]\nc:\n  d: true\n'),
    y.safeDump({a: 1, b: ['x', 'y']})
  ];
};
JS
want js_yaml '[{"a":1,"b":["x","y"],"c":{"d":true}},"a: 1\nb:\n  - x\n  - '\''y'\''\n"]'

pkg crypto_js <<'JS'
module.exports = function () {
  var C = require('crypto-js');
  var enc = C.AES.encrypt('secret msg', 'pass').toString();
  return [
    C.SHA256('abc').toString(),
    C.MD5('hello').toString(),
    C.HmacSHA1('msg', 'key').toString(),
    C.enc.Base64.stringify(C.enc.Utf8.parse('héllo')),
    C.AES.decrypt(enc, 'pass').toString(C.enc.Utf8),
    C.SHA1('').toString()
  ];
};
JS
want crypto_js '["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","5d41402abc4b2a76b9719d911017c592","102900b72b7bf1031eec76b4804b66052376896b","aMOpbGxv","secret msg","da39a3ee5e6b4b0d3255bfef95601890afd80709"]'

pkg qs <<'JS'
module.exports = function () {
  var qs = require('qs');
  return [
    qs.parse('a[b]=1&a[c]=2&d=x%20y'),
    qs.stringify({a: [1, 2], b: {c: 'd e'}}),
    qs.parse('a=1&a=2')
  ];
};
JS
want qs '[{"a":{"b":"1","c":"2"},"d":"x y"},"a%5B0%5D=1&a%5B1%5D=2&b%5Bc%5D=d%20e",{"a":["1","2"]}]'

pkg numeral <<'JS'
module.exports = function () {
  var n = require('numeral');
  return [
    n(1234.5).format('0,0.00'),
    n(0.256).format('0.0%'),
    n('1,234').value(),
    n(1536).format('0.0b')
  ];
};
JS
want numeral '["1,234.50","25.6%",1234,"1.5KB"]'

pkg big_js <<'JS'
module.exports = function () {
  var Big = require('big.js');
  return [
    Big(0.1).plus(0.2).toString(),
    Big('2').pow(64).toFixed(),
    Big('10').div(3).toFixed(5),
    Big('-1.5').round().toString()
  ];
};
JS
want big_js '["0.3","18446744073709551616","3.33333","-2"]'

pkg sprintf_js <<'JS'
module.exports = function () {
  var s = require('sprintf-js');
  return [
    s.sprintf('%05.2f|%s|%x|%-4d|%+d', 3.14159, 'a', 255, 7, 3),
    s.vsprintf('%2$s %1$s', ['a', 'b'])
  ];
};
JS
want sprintf_js '["03.14|a|ff|7   |+3","b a"]'

pkg pluralize <<'JS'
module.exports = function () {
  var p = require('pluralize');
  return [
    p('person'),
    p.singular('octopi'),
    p('apple', 3, true),
    p.isPlural('mice')
  ];
};
JS
want pluralize '["people","octopi","3 apples",true]'

pkg seedrandom <<'JS'
module.exports = function () {
  var sr = require('seedrandom');
  var r = sr('hello');
  return [
    r(),
    r(),
    sr('x').int32()
  ];
};
JS
want seedrandom '[0.5463663768140734,0.4397379377059223,-394872995]'

pkg blueimp_md5 <<'JS'
module.exports = function () {
  var md5 = require('blueimp-md5');
  return [
    md5('hello'),
    md5('héllo'),
    md5('value', 'key')
  ];
};
JS
want blueimp_md5 '["5d41402abc4b2a76b9719d911017c592","be50e8478cf24ff3595bc7307fb91b50","01433efd5f16327ea4b31144572c67f6"]'

pkg js_sha256 <<'JS'
module.exports = function () {
  var h = require('js-sha256');
  return [
    h.sha256('abc'),
    h.sha224('abc'),
    h.sha256.hmac('key', 'The quick brown fox'),
    h.sha256(new Uint8Array([1, 2, 3]))
  ];
};
JS
want js_sha256 '["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7","203d1e5cedd2d18f8c5a3beff0bd9c1ebcb97097dfcb288c46b00c9227fde2c0","039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"]'

pkg diff <<'JS'
module.exports = function () {
  var D = require('diff');
  return [
    D.diffChars('kitten', 'sitting').map(function (p) { return (p.added ? '+' : p.removed ? '-' : '=') + p.value; }),
    D.createPatch('f', 'a\nb\n', 'a\nc\n').split('\n').slice(2)
  ];
};
JS
want diff '[["-k","+s","=itt","-e","+i","=n","+g"],["--- f","+++ f","@@ -1,2 +1,2 @@"," a","-b","+c",""]]'

pkg tinycolor2 <<'JS'
module.exports = function () {
  var t = require('tinycolor2');
  return [
    t('red').toHexString(),
    t('#336699').lighten(20).toHexString(),
    t('rgb(255, 0, 0)').toHsl(),
    t.readability('#000', '#fff')
  ];
};
JS
want tinycolor2 '["#ff0000","#6699cc",{"h":0,"s":1,"l":0.5,"a":1},21]'

pkg immutable <<'JS'
module.exports = function () {
  var I = require('immutable');
  var m = I.Map({a: 1}).set('b', 2);
  return [
    m.toJS(),
    I.List([1, 2, 3]).push(4).map(function (x) { return x * 2; }).toArray(),
    I.is(I.Map({x: 1}), I.Map({x: 1}))
  ];
};
JS
want immutable '[{"a":1,"b":2},[2,4,6,8],true]'

pkg url_parse <<'JS'
module.exports = function () {
  var U = require('url-parse');
  var u = new U('https://user:pw@example.com:8080/p/a?x=1&y=2#h', true);
  return [
    u.hostname,
    u.port,
    u.pathname,
    u.query,
    u.hash,
    u.username,
    u.origin
  ];
};
JS
want url_parse '["example.com","8080","/p/a",{"x":"1","y":"2"},"#h","user","https://example.com:8080"]'

pkg punycode <<'JS'
module.exports = function () {
  var p = require('punycode');
  return [
    p.toASCII('mañana.com'),
    p.toUnicode('xn--maana-pta.com'),
    p.encode('ü')
  ];
};
JS
want punycode '["xn--maana-pta.com","mañana.com","tda"]'

pkg base64_js <<'JS'
module.exports = function () {
  var b = require('base64-js');
  return [
    b.fromByteArray(new Uint8Array([104, 105, 255, 0])),
    Array.prototype.slice.call(b.toByteArray('aGn/AA==')),
    b.byteLength('aGn/AA==')
  ];
};
JS
want base64_js '["aGn/AA==",[104,105,255,0],4]'

pkg showdown <<'JS'
module.exports = function () {
  var s = require('showdown');
  return [
    new s.Converter().makeHtml('# Title\n\nSome *em* and **strong** and a [link](http://x.org).\n\n- a\n- b')
  ];
};
JS
want showdown '["<h1 id=\"title\">Title</h1>\n<p>Some <em>em</em> and <strong>strong</strong> and a <a href=\"http://x.org\">link</a>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"]'

pkg ramda <<'JS'
module.exports = function () {
  var R = require('ramda');
  return [
    R.pipe(R.map(R.inc), R.filter(R.lt(2)))([1, 2, 3]),
    R.groupBy(R.prop('k'), [{k: 'a', v: 1}, {k: 'b', v: 2}, {k: 'a', v: 3}]),
    R.sortBy(R.identity, [3, 1, 2]),
    R.path(['a', 'b'], {a: {b: 5}})
  ];
};
JS
want ramda '[[3,4],{"a":[{"k":"a","v":1},{"k":"a","v":3}],"b":[{"k":"b","v":2}]},[1,2,3],5]'

pkg escape_html <<'JS'
module.exports = function () {
  return [
    require('escape-html')('<a href="x">\'&\'</a>')
  ];
};
JS
want escape_html '["&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"]'

pkg async <<'JS'
module.exports = function () {
  var a = require('async');
  var out;
  a.map([1, 2, 3], function (x, cb) { cb(null, x * 2); },
      function (err, r) { out = r; });
  return [
    out
  ];
};
JS
want async '[[2,4,6]]'

# semver 5 and 6 build regexps with bounds of 256 (jsregexp.c rewrites them).
for v in 5 6; do
	pkg "semver$v" <<JS
module.exports = function () {
  var semver = require('semver$v');
  return [
    semver.valid('1.2.3-beta.1'),
    semver.satisfies('1.4.2', '^1.2.0 || >=3'),
    semver.gt('2.0.0', '1.9.9'),
    semver.inc('1.2.3', 'minor'),
    semver.maxSatisfying(['1.2.3', '1.3.0', '2.0.0'], '~1.2 || 1.3.x'),
    semver.coerce('v3.4 final').version,
    semver.clean('  =v1.2.3  ')
  ];
};
JS
	want "semver$v" '["1.2.3-beta.1",true,true,"1.3.0","1.3.0","3.4.0","1.2.3"]'
done

# Packages that need Node's crypto, buffer, util, events, stream or tty
# (fnpool's src/js/builtin).  Tokens and hashes that are deterministic
# must be Node's byte for byte.  A test key pair (made by Node) signs.
mkdir -p "$T/functions/_lib"
cat >"$T/functions/_lib/keys.js" <<'JS'
module.exports = {
 "rsaPriv": "-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCrfXMUvO+jOs8f\nsFwbTiYpo7fDL6jeeEsVOdR0clCWYAXJrz5Oo5hj7gNpBMNXiBi1Yno77G4nymkl\nKm2gDZY3xhqX/Zusa/kP9med5e+XwqLjqIxyEj1C4bijgwkZm0aHWNGlf8gS7mXw\nQAXjIpUMonI5HYiCqZ9t7rom9MF9iIf5C7z9EFh73g4VR9QMLT6RpY80wOZLsfTf\nQEBfyU6PF2yS+0VQ6KXKBW3ecOY9cgzlCutwtxneaUB8lqdf+s6f8qFBju1U8iKv\n7wDHkTrENAdi2LgfbAXRN/oh1epfcd+eBbQOkm/AAcZrf2Lu/Sm2SkQYlz/gEoQn\nQtnUN4l7AgMBAAECggEASb4Evg6ux5Sy21AVk2JME8zEaQj2B1BYDRUUkExV7gv1\ngTA7zUoY7iO70K2NKHcsFNd3c4wsJC0sgKBZiqE9Dte/uMsD5aV6cMxG60WkfTBj\nphzk4+qG8Fsq8BkZUSsNrYbag93KVaWxLRoCzhShXlD+aCQUfwdcuMOWxciq6YUW\nTdJAYKNGgsCzHgCyFYEBxelJIoRLXcOwwwRvBfQPc7nLF1VNCHxNMsE8xINk+3hp\nyou1ZmHM89otgcj9LNLKBxaQm02glzqTzfR2CsVHhn9lpLz4iL6z2kLeeWU8eIau\no8AdBHqSQZ9rTsnn26XPg1yKyaJXZjL6tM0QW9nc6QKBgQDs/oZMxBvbx7ELOB03\ny0TeKCEr448FzKqm6zz2pCQvR1lVQIDulWG8bJUk04u3fHODDWUfgwAJKRjWBDWo\ndCeOpZdQ1YmpRne/NG8HI0qVZ8q20NlgCOq56+QTa7MjmMh11tNlpg7YkD5WefNV\n3T1dx9fVKFgOszpc0nhfRveW+QKBgQC5PiDSjY6mXyqE0UJRmYHm/xyKIC2okyF/\ndqb4xennAJ8z5Qj/0IDee1yfc5rP6x4cqZeGsuPXeAArWukXnPaHZInWAMOTeE8z\n/bmviFSrPYbN+AJpeQFGb8nG+o8YUOCpERejSb7syaKgaMEOASa4mo0s2wHhJ3Ht\nkXcCWU49EwKBgBQNQP2zxgulbLRfThGPcEc/q/bTrSE3fOTcmG7h2nHpnoRZDc+h\n8gAIS+Iux+6BaCCZfInbAqDDymcpOgUDtukZ16CuQJSC8tTJse8vrDrR6lPnfczj\nVEDg1Y5TGXgUkDlwMLi0ASOPqMaWUOFd87hAlWFipXiw72o1IJwnHAG5AoGAEy2U\ndlgDecQGgeOsSwhqg4DL8pzsPTSmVizxknXjBnBxCw1eRiXPAbmh2Dw+veHopy0D\nrAVfQ1KAKfzqfvBYMaI+BvLjTKQ7BvXwwHSL14KyLybLESJe+GzgZgJQyEKvT7Ge\nUeBzrM4fUR4nRozl9lzB2u/9nNLZn6/cs1iNmhMCgYBb7e0tyFIiRVaJzpWQTrBo\n7zUSK/z/K/JxhwfUFAn6QGYinjovuYIZRmLPtmq8+sahCHjx1b4RJzxPuF1JYm4T\nIfohOcxTU2U0tuSvH+PghVUdcpOoexG3/kA//FLwP/qko+VtuV9nPIjhz+8bSJAy\ng9l6+ppi3Y2ijLQXDcC72Q==\n-----END PRIVATE KEY-----\n",
 "rsaPub": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq31zFLzvozrPH7BcG04m\nKaO3wy+o3nhLFTnUdHJQlmAFya8+TqOYY+4DaQTDV4gYtWJ6O+xuJ8ppJSptoA2W\nN8Yal/2brGv5D/ZnneXvl8Ki46iMchI9QuG4o4MJGZtGh1jRpX/IEu5l8EAF4yKV\nDKJyOR2Igqmfbe66JvTBfYiH+Qu8/RBYe94OFUfUDC0+kaWPNMDmS7H030BAX8lO\njxdskvtFUOilygVt3nDmPXIM5QrrcLcZ3mlAfJanX/rOn/KhQY7tVPIir+8Ax5E6\nxDQHYti4H2wF0Tf6IdXqX3HfngW0DpJvwAHGa39i7v0ptkpEGJc/4BKEJ0LZ1DeJ\newIDAQAB\n-----END PUBLIC KEY-----\n",
 "ecPriv": "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEILdi+5vYL2I9JgNtHRw8e1L4JxBnFa8JVuAvUr6STqKdoAoGCCqGSM49\nAwEHoUQDQgAEtFxfhqmh0oHIexBK1emwaF7xZ+CKTa9BYbCSZAVfMhNO8hyFMGZM\nneQu1Mwn4RUE1mrshGaKV8vd28bbFz405g==\n-----END EC PRIVATE KEY-----\n",
 "ecPub": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtFxfhqmh0oHIexBK1emwaF7xZ+CK\nTa9BYbCSZAVfMhNO8hyFMGZMneQu1Mwn4RUE1mrshGaKV8vd28bbFz405g==\n-----END PUBLIC KEY-----\n"
};
JS

pkg jsonwebtoken <<'JS'
module.exports = function () {
  var jwt = require('jsonwebtoken'), k = require('../_lib/keys');
  // a token is Node's byte for byte: its JSON has Node's key order
  var hs = jwt.sign({ admin: true, iat: 1700000000, sub: 'ada' }, 'secret');
  var rs = jwt.sign({ iat: 1700000000, sub: 'ada' }, k.rsaPriv, { algorithm: 'RS256' });
  var ps = jwt.sign({ iat: 1700000000, sub: 'ps' }, k.rsaPriv, { algorithm: 'PS256' });
  var es = jwt.sign({ iat: 1700000000, sub: 'es' }, k.ecPriv, { algorithm: 'ES256' });
  // made by Node with a key id: its header is {alg, typ, kid}
  var node = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJzdWIiOiJhZGEiLCJpYXQiOjE3MDAwMDAwMDB9.f2Dy-yAj8C_b92oERxFwNGE0xshHWt_Ks0-6tQAiiho3GEkN5Lzx4dNvrwZBqiXQKpvzTgjdjVPl2rvFxLmY95_-77-iXvaba_va75rbUP-Px0uHizbOzUYeM7jG72SC8jRpg3VHsCyUWx5JkBVeWUIzVY8C6Ud5zfpQt2_21MPOAEYgmJM4UjQrKs3LRV2MH6T5Trpd07pwkM-3s9RpwHowBD1vrF8wFqkvIx-lQnEt6DkP29YSbuvfPT3QRRgb0I4yVxw3JRjB5VdK7zSDgs5vud7Il1aQJeJpMjd922TGWXOJi3j1AdQ6Ue9GgqMUHeVQgYI8BOuh22oSGa4HTg';
  function err(f) { try { f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } }
  return [
    hs, rs,
    jwt.verify(hs, 'secret'),
    jwt.verify(rs, k.rsaPub, { algorithms: ['RS256'] }),
    jwt.verify(ps, k.rsaPub).sub,
    jwt.verify(es, k.ecPub).sub,
    jwt.verify(node, k.rsaPub),
    jwt.decode(node, { complete: true }).header,
    err(function () { jwt.verify(hs.slice(0, -2) + 'xx', 'secret'); }),
    err(function () { jwt.verify(hs, 'wrong'); }),
    err(function () { jwt.verify(rs, k.ecPub); }),
    err(function () { jwt.verify(jwt.sign({ exp: 2000, iat: 1000, sub: 'x' }, 'secret'), 'secret'); }),
    err(function () { jwt.sign({ a: 1 }, 'secret', { algorithm: 'nope' }); })
  ];
};
JS
want jsonwebtoken '["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhZG1pbiI6dHJ1ZSwiaWF0IjoxNzAwMDAwMDAwLCJzdWIiOiJhZGEifQ.3WRoTkHnJcoxZ3G48IGydsOmVb7Pv2jKf0XWO1zK5_o","eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsInN1YiI6ImFkYSJ9.e71IUUqVs8-N3JZ6JdxtW6NUHAhsSmhjsrKsWVdjdfUCBPeKDdgzFhJrHsTOM-7gwhUyWPjIgQMXKzB_qWtBVNfKmRxt4l6_drQlmtvMnNnamh-GNbspZv57UvQGNNyjs9oxaP3tW8UCTr9635USj1DHA1bHN6nSBvZpXUBhOHuVgq5hJBNO_fEA4lvMLAwgVU2fsHvcLn46Ss68YXd-Dk0hN1mXHxnW3iyo9pB9TCNLe4pedbYw5tQUyTTHzNeUN7x5IdgqRv-cS6MdVAWk9-nAV4lYcqDBwP3Tz43TSkHegzoY6poR_8gtzARIkUbPffluO7TXnk-74jzXc2Opyg",{"admin":true,"iat":1700000000,"sub":"ada"},{"iat":1700000000,"sub":"ada"},"ps","es",{"sub":"ada","iat":1700000000},{"alg":"RS256","typ":"JWT","kid":"k1"},"JsonWebTokenError: invalid signature","JsonWebTokenError: invalid signature","JsonWebTokenError: invalid signature","TokenExpiredError: jwt expired","Error: \"algorithm\" must be a valid string enum value"]'

pkg uuid3 <<'JS'
module.exports = function () {
  var v4 = require('uuid/v4'), v5 = require('uuid/v5'), v3 = require('uuid/v3');
  var rnd = [0x10, 0x91, 0x56, 0xbe, 0xc4, 0xfb, 0xc1, 0xea, 0x71, 0xb4, 0xef, 0xe1, 0x67, 0x1c, 0x58, 0x36];
  return [
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v4()),
    v4() !== v4(),
    v4({ random: rnd }),
    v5('hello', v5.URL),
    v5('www.example.com', v5.DNS),
    v3('hello', v3.URL)
  ];
};
JS
want uuid3 '[true,true,"109156be-c4fb-41ea-b1b4-efe1671c5836","074171de-bc84-5ea4-b636-1135477620e1","2ed6657d-e927-568b-95e1-2665a8aea6a2","cf3741de-a2dd-36f7-a791-8736e42c4c2f"]'

pkg uuid8 <<'JS'
module.exports = function () {
  var u = require('../node_modules/uuid8/dist/umd/uuid.min.js');
  var rnd = [0x10, 0x91, 0x56, 0xbe, 0xc4, 0xfb, 0xc1, 0xea, 0x71, 0xb4, 0xef, 0xe1, 0x67, 0x1c, 0x58, 0x36];
  return [
    u.validate(u.v4()), u.version(u.v4()), u.v4() !== u.v4(),
    u.v4({ random: rnd }),
    u.v5('hello', u.v5.URL), u.v5('www.example.com', u.v5.DNS),
    u.v3('hello', u.v3.URL),
    u.parse('6ba7b811-9dad-11d1-80b4-00c04fd430c8').length
  ];
};
JS
want uuid8 '[true,4,true,"109156be-c4fb-41ea-b1b4-efe1671c5836","074171de-bc84-5ea4-b636-1135477620e1","2ed6657d-e927-568b-95e1-2665a8aea6a2","cf3741de-a2dd-36f7-a791-8736e42c4c2f",16]'

pkg bcryptjs <<'JS'
module.exports = function () {
  var b = require('bcryptjs');
  var salt = b.genSaltSync(4), hash = b.hashSync('s3cret', salt);
  var sync = [
    salt.slice(0, 7), salt.length, hash.length, hash.indexOf(salt) === 0,
    b.compareSync('s3cret', hash), b.compareSync('wrong', hash),
    b.hashSync('pw', '$2a$04$abcdefghijklmnopqrstuu'),
    b.compareSync('node', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.KAnOkD6Yr3y2T3LHzKM5Ku6qzxh.Ptq'),
    b.getRounds(hash)
  ];
  return b.hash('async pw', 4).then(function (h) {
    return b.compare('async pw', h).then(function (ok) { return sync.concat([h.length, ok]); });
  });
};
JS
want bcryptjs '["$2a$04$",29,60,true,true,false,"$2a$04$abcdefghijklmnopqrstuuyvPXIbu7xe6/CED2DzX8z6Si09MlzlW",true,4,60,true]'

pkg jwt_simple <<'JS'
module.exports = function () {
  var jwt = require('jwt-simple'), k = require('../_lib/keys');
  // Node's tokens are decoded, and ours round-trip (t's payload is Node's
  // {"n":1,"sub":"ada"})
  var nodeHS = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJuIjoxfQ._3hzIjXSzzt7xeceqR8U4aQPdVfwqlNWJTYZOhS26rc';
  var nodeRS = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEifQ.LBS9ELiK9GI94Uit--fjPhXoAOmIRlL4a6xZCOYHDKHZB932E-aRfAeNjwVMtYNEiXG5DlXEY1IJ2JxftlqLZVeayEnx37yBTSg03a8q2ey13Dbx2f4Q3XJRtUqHblyd-XsCWBk8hfmy-94dGmTMVoAAdyoO0N24exfasgd7kC_KAkirTx699hz9kPdRhrijeMx1VK54osOk9vNO-NyqIXfz5kMj1Cd1jYMH35IJS1fdbLNjGzGoMnI1imbz66Yhq25CV9496wqRmQEexKwO5LlVzkvU_nzKGVLyOJKc4TkmHdzdmgU-AtFr_qPEi3UOyP4wN7LIplw5yYzRze5dgA';
  var t = jwt.encode({ n: 1, sub: 'ada' }, 'secret', 'HS512');
  var r = jwt.encode({ sub: 'ada' }, k.rsaPriv, 'RS256');
  var bad;
  try { jwt.decode(nodeHS, 'bad'); } catch (e) { bad = e.message; }
  return [jwt.decode(nodeHS, 'secret'), jwt.decode(nodeRS, k.rsaPub, false, 'RS256'),
    jwt.decode(t, 'secret'), jwt.decode(r, k.rsaPub, false, 'RS256'), t.split('.')[1], bad];
};
JS
want jwt_simple '[{"sub":"ada","n":1},{"sub":"ada"},{"n":1,"sub":"ada"},{"sub":"ada"},"eyJuIjoxLCJzdWIiOiJhZGEifQ","Signature verification failed"]'

pkg eventemitter3 <<'JS'
module.exports = function () {
  var EE = require('eventemitter3'), e = new EE(), log = [];
  e.on('a', function (x) { log.push(x); });
  e.once('a', function (x) { log.push('once ' + x); });
  e.emit('a', 1);
  e.emit('a', 2);
  return [log, e.listenerCount('a'), e.eventNames(), typeof EE.prefixed];
};
JS
want eventemitter3 '[[1,"once 1",2],1,["a"],"boolean"]'

pkg debug <<'JS'
module.exports = function () {
  var debug = require('debug');
  debug.enable('app:*');
  var log = debug('app:web');
  log('hello %s %d', 'world', 42);
  return [typeof log, log.enabled, debug('other').enabled, log.namespace, debug.enabled('app:x')];
};
JS
want debug '["function",true,false,"app:web",true]'

pkg safe_buffer <<'JS'
module.exports = function () {
  var sb = require('safe-buffer'), SB = sb.Buffer;
  return [SB === Buffer, SB.from('hi').toString('hex'), SB.alloc(3).length, SB.allocUnsafe(2).length,
    SB.allocUnsafeSlow(2).length, typeof sb.SlowBuffer, SB.from([1, 2]).equals(Buffer.from([1, 2]))];
};
JS
want safe_buffer '[true,"6869",3,2,2,"function",true]'

# moment's sources hold /[0-9]{0,256}/ and decimal.js matches its
# 1,000-digit constants: both needed fnpool's PCRE2 regexps.
pkg moment <<'JS'
module.exports = function () {
  var moment = require('moment');
  var m = moment.utc('2024-03-05T14:07:09Z');
  return [m.format('YYYY-MM-DD HH:mm:ss dddd MMMM Do'), m.add(40, 'days').format('L'),
    moment.utc('05/03/2024', 'DD/MM/YYYY').toISOString(), moment.duration(90, 'minutes').asHours(),
    moment.utc('2024-01-01').isValid(), moment.utc('not a date', 'YYYY-MM-DD', true).isValid()];
};
JS
want moment '["2024-03-05 14:07:09 Tuesday March 5th","04/14/2024","2024-03-05T00:00:00.000Z",1.5,true,false]'

pkg decimal <<'JS'
module.exports = function () {
  var D = require('decimal.js');
  return [new D('0.1').plus('0.2').toString(), D.sqrt(2).toFixed(30), new D(2).pow(100).toString(),
    D.exp(1).toSignificantDigits(25).toString(), new D('1e-7').toFixed(), D.ln(10).toFixed(20)];
};
JS
want decimal '["0.3","1.414213562373095048800000000000","1.2676506002282294015e+30","2.7182818284590452354","0.0000001","2.30258509299404568400"]'

# validator: large Unicode classes (locale tables), long patterns.
pkg validator <<'JS'
module.exports = function () {
  var v = require('validator');
  return [v.isEmail('ada@example.com'), v.isEmail('ada@@example'), v.isURL('https://example.com/a?b=1'),
    v.isURL('http://exa mple.com'), v.isAlpha('Ärger', 'de-DE'), v.isAlpha('Ärger'),
    v.isAlphanumeric('Привет123', 'ru-RU'), v.isMobilePhone('+4915123456789', 'de-DE'),
    v.isUUID('9b2f5a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', 4), v.isIP('2001:db8::1'), v.isIP('256.1.1.1'),
    v.isISO8601('2024-02-29T10:20:30Z'), v.isCreditCard('4111111111111111'), v.isSlug('a-b-c'),
    v.escape('<a href="x">'), v.normalizeEmail('Ada.Lovelace+x@GMail.com'), v.isStrongPassword('Abc!2345xyz'),
    v.isPostalCode('10115', 'DE'), v.isIBAN('DE89370400440532013000'), v.isLatLong('52.52,13.40')];
};
JS
want validator '[true,false,true,false,true,false,true,true,true,true,false,true,true,true,"&lt;a href=&quot;x&quot;&gt;","adalovelace@gmail.com",true,true,true,true]'

# marked: a lexer of many regexps, Set, sticky-free global matching.
pkg marked <<'JS'
module.exports = function () {
  var marked = require('marked').marked;
  return { html: marked.parse('# Title\n\nSome *emphasis*, **strong** and `code`, a [link](https://example.com "t").\n\n' +
    '- one\n- two\n  1. nested\n\n> quote\n\n```js\nvar x = 1 < 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nhttps://auto.link/x ~~gone~~\n') };
};
JS
want marked '{"html":"<h1 id=\"title\">Title</h1>\n<p>Some <em>emphasis</em>, <strong>strong</strong> and <code>code</code>, a <a href=\"https://example.com\" title=\"t\">link</a>.</p>\n<ul>\n<li>one</li>\n<li>two<ol>\n<li>nested</li>\n</ol>\n</li>\n</ul>\n<blockquote>\n<p>quote</p>\n</blockquote>\n<pre><code class=\"language-js\">var x = 1 &lt; 2;\n</code></pre>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody></table>\n<p><a href=\"https://auto.link/x\">https://auto.link/x</a> <del>gone</del></p>\n"}'

# he: regexps over astral characters written as surrogate pairs.
pkg he <<'JS'
// Characters above U+FFFF shown as U+XXXXX: MuJS's JSON.stringify
// escapes them as surrogate pairs where Node writes them as they are.
function show(s) {
  var out = '', i, c, d;
  for (i = 0; i < s.length; i++) {
    c = s.charCodeAt(i);
    d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
      out += 'U+' + ((c - 0xd800) * 0x400 + d - 0xdc00 + 0x10000).toString(16);
      i++;
    } else {
      out += s.charAt(i);
    }
  }
  return out;
}
module.exports = function () {
  var he = require('he');
  return [he.encode('foo \u00a9 bar \u2260 baz \ud834\udf06 qux'), he.encode('<script>', { useNamedReferences: true }),
    show(he.decode('&lt;p&gt;caf&eacute; &#x1D306; &amp;amp; &notit; &#128512;')), he.escape('<img src=\'x\'>'),
    he.unescape('&#x27;&quot;'), he.decode('&foo; &AMP &NotEqualTilde;'), he.encode('\ud83d\ude00', { decimal: true })];
};
JS
want he $'["foo &#xA9; bar &#x2260; baz &#x1D306; qux","&lt;script&gt;","<p>café U+1d306 &amp; ¬it; U+1f600","&lt;img src=&#x27;x&#x27;&gt;","\'\\"","&foo; & ≂̸","&#128512;"]'

# emoji-regex: one regexp of surrogate-pair alternations, exec in a loop.
pkg emoji-regex <<'JS'
module.exports = function () {
  var re = require('emoji-regex')();
  var text = 'Hi \ud83d\udc4b\ud83c\udffd team, ship it \ud83d\ude80 and \ud83d\udc69\u200d\ud83d\udcbb in \ud83c\udde9\ud83c\uddea! \u00a9';
  var found = [], m;
  while ((m = re.exec(text))) found.push([m[0].length, m.index]);
  return [found, 'a\ud83d\ude00b'.replace(require('emoji-regex')(), '_'), re.lastIndex];
};
JS
want emoji-regex '[[[4,3],[2,22],[5,29],[4,38]],"a_b",0]'

# cookie: Expires written with Date.prototype.toUTCString.
pkg cookie <<'JS'
module.exports = function () {
  var cookie = require('cookie');
  return [cookie.serialize('sid', 'a b;c', { expires: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)), httpOnly: true, path: '/', sameSite: 'lax' }),
    cookie.serialize('n', '1', { maxAge: 3600, secure: true, domain: 'example.com' }),
    cookie.parse('a=1; b=x%20y; c="q"; d')];
};
JS
want cookie '["sid=a%20b%3Bc; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; SameSite=Lax","n=1; Max-Age=3600; Domain=example.com; Secure",{"a":"1","b":"x y","c":"q"}]'

# accounting: toFixed rounding and number grouping.
pkg accounting <<'JS'
module.exports = function () {
  var a = require('accounting');
  return [a.formatMoney(12345678), a.formatMoney(4999.99, '€', 2, '.', ','), a.formatNumber(5318008.1234, 2),
    a.toFixed(0.615, 2), a.toFixed(1.005, 2), a.unformat('£ 12,345,678.90 GBP'), a.formatColumn([123.5, 3456.49, 777888.99], '$ ')];
};
JS
want accounting '["$12,345,678.00","€4.999,99","5,318,008.12","0.62","1.00",12345678.9,["$     123.50","$   3,456.49","$ 777,888.99"]]'

# tslib: exports with a default condition; __values/__read on Set and Map.
pkg tslib <<'JS'
var tslib = require('tslib');
module.exports = function () {
  var out = [];
  var it = tslib.__values(new Set(['x', 'y']));
  for (var r = it.next(); !r.done; r = it.next()) out.push(r.value);
  var spread = tslib.__spreadArray(tslib.__spreadArray([], tslib.__read(new Map([[1, 'one']])), false), [[2, 'two']], false);
  var rest = tslib.__rest({ a: 1, b: 2, c: 3 }, ['a']);
  var assigned = tslib.__assign({ x: 1 }, { y: 2 });
  return [out, spread, rest, assigned];
};
JS
want tslib '[["x","y"],[[1,"one"],[2,"two"]],{"b":2,"c":3},{"x":1,"y":2}]'

# @babel/runtime: exports with nested conditions and arrays; Babel's
# helpers on Map, Set, Symbol and iterators.
pkg babel-runtime <<'JS'
var slicedToArray = require('@babel/runtime/helpers/slicedToArray');
var toConsumableArray = require('@babel/runtime/helpers/toConsumableArray');
var typeOf = require('@babel/runtime/helpers/typeof');
var createForOf = require('@babel/runtime/helpers/createForOfIteratorHelper');
var objectSpread2 = require('@babel/runtime/helpers/objectSpread2');
module.exports = function () {
  var m = new Map([['a', 1], ['b', 2]]);
  var pairs = [], it = createForOf(m), step;
  for (it.s(); !(step = it.n()).done;) {
    var kv = slicedToArray(step.value, 2);
    pairs.push(kv[0] + '=' + kv[1]);
  }
  it.f();
  return [pairs, toConsumableArray(new Set([3, 1, 3, 2])), typeOf(Symbol('x')), typeOf(null),
    toConsumableArray('a😀b'), objectSpread2({ a: 1 }, { b: 2 }), slicedToArray([1, 2, 3], 2)];
};
JS
want babel-runtime '[["a=1","b=2"],[3,1,2],"symbol","object",["a","😀","b"],{"a":1,"b":2},[1,2,3]]'

# fails NAME PACKAGE REASON-REGEX: loading PACKAGE fails, the log says why.
fails() {
	printf "module.exports = function () { return typeof require('%s'); };\n" \
	    "$2" >"$T/functions/fails/$1.js"
	failing+=("$1|$2|$3")
}
failing=()
fails semver semver "SyntaxError: node_modules/semver/[^ ]+: unexpected token"
fails fs_module fs "Cannot find module 'fs' .*: Node's built-in modules .* those fnpool provides are assert"

cat >"$T/fnpool.ini" <<INI
[npm]
listen = $T/fnpool.sock
$RUN_AS
listen.mode = 0666
functions = $T/functions
workers = 1
INI
cat >"$T/server.conf" <<CONF
location / {
	include /etc/nginx/fastcgi_params;
	fastcgi_pass unix:$T/fnpool.sock;
}
CONF
fnpool_start "$T/fnpool.ini"
check "fnpool creates its socket" wait_for 50 is_socket "$T/fnpool.sock"
check "nginx starts" nginx_start
r=$(http '/npm?name=Ada')
is "$r" $'200\n{"chunk":[[1,2],[3,4],[5]],"chunkPath":[[1,2],[3]],"sorted":["a","b"],"html":"Hello Ada &lt;i&gt;","ms":7200000,"msText":"2m","resolved":["node_modules/lodash/lodash.js","node_modules/mustache/mustache.js"]}' \
    "lodash, lodash/chunk, mustache and ms from npm work in a function"
r=$(http /node_modules/lodash/lodash)
is "${r%%$'\n'*}" "404" "installed packages are not routable"

works=0
for i in "${!names[@]}"; do
	r=$(http "/pkg/${names[$i]}")
	[ "$r" = $'200\n'"${wants[$i]}" ] && works=$((works + 1))
	is "$r" $'200\n'"${wants[$i]}" "${WORKING[$i]}: answers as in Node"
done
diag "$works of ${#WORKING[@]} packages answer as in Node"
check "debug writes its line to the log (stderr), as in Node" \
    grep -q 'app:web hello world 42' "$T/fnpool.log"

for f in "${failing[@]}"; do
	IFS='|' read -r name package reason <<<"$f"
	r=$(http "/fails/$name")
	id=$(sed -n 's/.*"requestId":"\([0-9a-f]*\)".*/\1/p' <<<"$r")
	check "$package fails as documented: $reason" \
	    grep -qE "request $id.*$reason" "$T/fnpool.log"
done
