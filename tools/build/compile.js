/*
 * compile: one source file to ES5 CommonJS with SWC, its source map, and
 * the module specifiers it requires.  SWC was measured against Babel's
 * preset-env on this job (docs/javascript.md): 20 times faster, output 8%
 * smaller, a third of the memory.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const manifest = require('./package.json');
const { leanAsync } = require('./lean-async.js');

class BuildError extends Error {}

function cacheDir() {
	const base = process.env.XDG_CACHE_HOME ||
	    path.join(os.homedir(), '.cache');
	return path.join(base, 'fnpool', 'build-' + manifest.version);
}

/* Where the compiler may be installed, in the order they are tried. */
function compilerDirs() {
	const dirs = [path.join(__dirname, 'node_modules'),
	    path.join(cacheDir(), 'node_modules')];
	if (process.env.FNPOOL_BUILD_MODULES)
		dirs.unshift(process.env.FNPOOL_BUILD_MODULES);
	return dirs;
}

/* { swc, modules }: the compiler and the node_modules that holds it. */
function loadCompiler() {
	for (const dir of compilerDirs()) {
		if (!fs.existsSync(path.join(dir, '@swc', 'core')))
			continue;
		try {
			return { swc: require(path.join(dir, '@swc', 'core')),
			    modules: dir };
		} catch (e) {
			throw new BuildError('the compiler in ' + dir +
			    ' does not load (' + e.message.split('\n')[0] +
			    '): reinstall it with fnpool build --install');
		}
	}
	const want = Object.keys(manifest.dependencies).map((k) =>
	    k + '@' + manifest.dependencies[k]).join(' ');
	throw new BuildError('the compiler (' + want + ') is not installed.\n' +
	    'Run `fnpool build --install` (npm ci into ' + cacheDir() +
	    '),\nor `npm ci --omit=dev --prefix ' + __dirname + '` as root.');
}

/* npm ci of the pinned compiler into the user's cache directory. */
function installCompiler() {
	const { spawnSync } = require('child_process');
	const dir = cacheDir();

	fs.mkdirSync(dir, { recursive: true });
	for (const f of ['package.json', 'package-lock.json'])
		fs.copyFileSync(path.join(__dirname, f), path.join(dir, f));
	process.stderr.write('fnpool build: npm ci in ' + dir + '\n');
	const r = spawnSync('npm', ['ci', '--omit=dev', '--no-audit',
	    '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'inherit' });
	if (r.error)
		throw new BuildError('npm: ' + r.error.message +
		    ' (install npm: apt-get install npm)');
	if (r.status !== 0)
		throw new BuildError('npm ci in ' + dir + ' failed (status ' +
		    r.status + ')');
}

function syntaxOf(file) {
	return /\.[cm]?ts$/.test(file) ? { syntax: 'typescript' } :
	    { syntax: 'ecmascript' };
}

/* 1-based line of a byte offset of the UTF-8 text. */
function lineAt(bytes, offset) {
	let line = 1;
	for (let i = 0; i < offset && i < bytes.length; i++)
		if (bytes[i] === 0x0a)
			line++;
	return line;
}

/*
 * The first await outside any function, as an AST node, or null.  SWC
 * passes a top-level await through to the output, where MuJS would
 * refuse it with no useful line; fnpool cannot run one (module code runs
 * synchronously at load), so it is refused here.
 */
function topLevelAwait(node) {
	if (node === null || typeof node !== 'object')
		return null;
	if (Array.isArray(node)) {
		for (const n of node) {
			const r = topLevelAwait(n);
			if (r !== null)
				return r;
		}
		return null;
	}
	switch (node.type) {
	case 'AwaitExpression':
		return node;
	case 'ForOfStatement':
		if (node.isAwait)
			return node;
		break;
	case 'FunctionDeclaration': case 'FunctionExpression':
	case 'ArrowFunctionExpression': case 'ClassMethod':
	case 'PrivateMethod': case 'GetterProperty': case 'SetterProperty':
	case 'MethodProperty': case 'Constructor':
		return null;
	}
	for (const key of Object.keys(node)) {
		if (key === 'span')
			continue;
		const r = topLevelAwait(node[key]);
		if (r !== null)
			return r;
	}
	return null;
}

function checkTopLevelAwait(swc, file, text, label) {
	if (!/\bawait\b/.test(text))
		return;
	const ast = swc.parseSync(text, Object.assign({ target: 'es2022' },
	    syntaxOf(file)));
	const hit = topLevelAwait(ast.body);
	if (hit === null)
		return;
	/* SWC's spans count the module's bytes from 1. */
	const line = lineAt(Buffer.from(text), hit.span.start - 1);
	throw new BuildError(label + ':' + line + ': top-level await is not ' +
	    'supported: fnpool runs module code synchronously when the ' +
	    'function loads; move the await into the handler');
}

/* Strings of require("x") calls in compiled code, in order. */
function requiresOf(code) {
	const out = [];
	const re = /\brequire\(\s*(["'])([^"'\\\n]+)\1\s*\)/g;
	let m;
	while ((m = re.exec(code)) !== null)
		out.push(m[2]);
	return out;
}

/*
 * { code, map, requires } for the source text of file; label names it in
 * messages (and in the source map).
 */
/*
 * MuJS's lexer ends a statement at a line break after the tokens break,
 * continue, return and throw even when they follow a dot, so
 * `options.break` at the end of a line is a SyntaxError there.  The
 * subscript form means the same and is safe; a line is never split by
 * it, so the source map stays right.
 */
function quoteRestrictedKeys(code) {
	return code.replace(/\.(break|continue|return|throw)(?=[ \t]*\r?\n)/g,
	    "['$1']");
}

function compileFile(swc, file, text, label) {
	checkTopLevelAwait(swc, file, text, label);
	let r;
	try {
		r = swc.transformSync(text, {
			filename: file,
			swcrc: false,
			configFile: false,
			isModule: /\.(mjs|mts)$/.test(file) ? true : 'unknown',
			jsc: {
				parser: syntaxOf(file),
				target: 'es5',
				externalHelpers: true,
				loose: false,
			},
			module: { type: 'commonjs', ignoreDynamic: false },
			sourceMaps: true,
			inlineSourcesContent: false,
		});
	} catch (e) {
		throw new BuildError(label + ': ' + String(e.message || e)
		    .replace(/\x1b\[[0-9;]*m/g, '').trim());
	}
	const code = quoteRestrictedKeys(leanAsync(swc,
	    r.code.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n')));
	return { code, map: r.map, requires: requiresOf(code) };
}

module.exports = { BuildError, loadCompiler, installCompiler, compileFile,
    cacheDir };
