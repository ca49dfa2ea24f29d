// exports-cases.js: where Node 20's require resolves each request of the
// table below in tests/fixtures/exports, written as a C table between
// the "@generated" markers of test_pkg_exports.c (CI has no Node):
//
//   node tests/unit/js/exports-cases.js --update tests/unit/js/test_pkg_exports.c
//
// A result is a path relative to the fixture root, or "!" and Node's
// error code.  Where Node would only fail later, when it loads an ES
// module with require (ERR_REQUIRE_ESM), or refuses a subpath that the
// "import" condition would open, fnpool says so at resolution: those
// come out as "!ESM".  Node's error for a package.json that is not JSON
// has no code: fnpool's is ERR_INVALID_PACKAGE_CONFIG.
'use strict';

var fs = require('fs');
var path = require('path');
var childProcess = require('child_process');

var root = path.resolve(__dirname, '../../fixtures/exports');
var N = 'node_modules/';

var cases = [
	// [from, request]
	['main.js', 'sugar-str'],
	['main.js', 'sugar-str/lib/other.js'],
	['main.js', 'sugar-str/package.json'],
	['main.js', 'sugar-cond'],
	['main.js', 'cond-order'],
	['main.js', 'cond-node'],
	['main.js', 'nested'],
	['main.js', 'nested/feature'],
	['main.js', 'nested/data.json'],
	['main.js', 'nested/package.json'],
	['main.js', 'nested/features/x.js'],
	['main.js', 'nested/features/x'],
	['main.js', 'nested/features/y.js'],
	['main.js', 'nested/features/private/z'],
	['main.js', 'nested/features/private/z.js'],
	['main.js', 'nested/lib/a.js'],
	['main.js', 'nested/lib/a'],
	['main.js', 'nested/lib/sub/b.js'],
	['main.js', 'nested/lib/private/secret.js'],
	['main.js', 'nested/hidden.js'],
	['main.js', 'nested/hidden'],
	['main.js', 'nested/main.js'],
	['main.js', 'nested/fallback'],
	['main.js', 'nested/fallback-invalid'],
	['main.js', 'nested/fallback-cond'],
	['main.js', 'nested/empty-array'],
	['main.js', 'nested/escape'],
	['main.js', 'nested/escape-deep'],
	['main.js', 'nested/nm'],
	['main.js', 'nested/abs'],
	['main.js', 'nested/bare'],
	['main.js', 'nested/star/x'],
	['main.js', 'nested/star/../../../outside'],
	['main.js', 'nested/star/./x'],
	['main.js', 'nested/star/node_modules/x'],
	['main.js', 'nested/only-import'],
	['main.js', 'nested/number'],
	['main.js', 'nested/nope'],
	['main.js', 'nested/'],
	['main.js', 'patterns/a/b/c'],
	['main.js', 'patterns/a/b/d'],
	['main.js', 'patterns/a/q'],
	['main.js', 'patterns/x/m/y'],
	['main.js', 'patterns/x/m/n/y'],
	['main.js', 'patterns'],
	['main.js', 'esm-type'],
	['main.js', 'esm-mjs'],
	['main.js', 'esm-import'],
	['main.js', 'esm-main'],
	['main.js', 'esm-cjs'],
	['main.js', 'mixed-keys'],
	['main.js', 'bad-json'],
	['main.js', 'index-keys'],
	['main.js', 'exports-null'],
	['main.js', '@scope/pkg'],
	['main.js', '@scope/pkg/sub'],
	['main.js', '@scope/pkg/index.js'],
	['main.js', 'legacy'],
	['main.js', 'legacy/other'],
	['main.js', '#root'],
	['main.js', '#nope'],
	['main.js', '#'],
	['main.js', '#/x'],
	['main.js', 'self-ref'],
	[N + 'self-ref/index.js', 'self-ref'],
	[N + 'self-ref/index.js', 'self-ref/util'],
	[N + 'self-ref/src/dep.js', 'self-ref/util'],
	[N + 'self-ref/index.js', 'self-ref/src/dep.js'],
	[N + 'self-ref/index.js', '#dep'],
	[N + 'self-ref/src/inner/deep.js', '#dep'],
	[N + 'self-ref/index.js', '#cond'],
	[N + 'self-ref/index.js', '#ext/one'],
	[N + 'self-ref/index.js', '#ext/two'],
	[N + 'self-ref/index.js', '#pkg'],
	[N + 'self-ref/index.js', '#pkg-sub/lib/other.js'],
	[N + 'self-ref/index.js', '#missing-file'],
	[N + 'self-ref/index.js', '#null'],
	[N + 'self-ref/index.js', '#bad'],
	[N + 'self-ref/index.js', '#esm'],
	[N + 'self-ref/index.js', '#root'],
	[N + 'self-ref/index.js', '#nope'],
	[N + 'nested/main.js', '#dep'],
];

function packageOf(file) {
	var dir = path.dirname(file), pj;

	for (;;) {
		pj = path.join(dir, 'package.json');
		if (fs.existsSync(pj))
			return JSON.parse(fs.readFileSync(pj, 'utf8'));
		if (dir === root)
			return {};
		dir = path.dirname(dir);
	}
}

function nodeResolve(from, request, conditions) {
	var script = 'try { console.log(require("module").createRequire(' +
	    JSON.stringify(path.join(root, from)) + ').resolve(' +
	    JSON.stringify(request) + ')); } catch (e) { console.log("!" + e.code); }';

	var args = conditions ? ['--conditions=' + conditions] : [];

	return childProcess.execFileSync(process.execPath,
	    args.concat(['-e', script]), { encoding: 'utf8' }).trim();
}

function expected(from, request) {
	var r = nodeResolve(from, request), pkg;

	if ((r === '!ERR_PACKAGE_PATH_NOT_EXPORTED' ||
	    r === '!ERR_PACKAGE_IMPORT_NOT_DEFINED') &&
	    nodeResolve(from, request, 'import').charAt(0) !== '!')
		return '!ESM';
	if (r === '!undefined')		/* "Error parsing .../package.json" */
		return '!ERR_INVALID_PACKAGE_CONFIG';
	if (r.charAt(0) === '!')
		return r;
	pkg = packageOf(r);
	if (/\.mjs$/.test(r) || (/\.js$/.test(r) && pkg.type === 'module'))
		return '!ESM';
	return path.relative(root, r);
}

function cstr(s) {
	return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

function table() {
	var lines = ['/* @generated begin: by node ' + process.version + ' */',
	    'static const struct exports_case exports_cases[] = {'];

	cases.forEach(function (c) {
		lines.push('\t{ ' + cstr(c[0]) + ', ' + cstr(c[1]) + ', ' +
		    cstr(expected(c[0], c[1])) + ' },');
	});
	lines.push('};', '/* @generated end */');
	return lines.join('\n');
}

function update(file) {
	var text = fs.readFileSync(file, 'utf8');
	var begin = text.indexOf('/* @generated begin');
	var end = text.indexOf('/* @generated end */');

	if (begin < 0 || end < 0)
		throw new Error(file + ': no @generated markers');
	end += '/* @generated end */'.length;
	fs.writeFileSync(file, text.slice(0, begin) + table() + text.slice(end));
}

if (process.argv[2] === '--update')
	update(process.argv[3]);
else
	console.log(table());
