/*
 * resolve: where a module specifier of a compiled file points, as Node and
 * the bundlers find it, so that the output tree needs no resolution of its
 * own beyond exact relative paths (fnpool's require does not read
 * package.json "exports").
 */
'use strict';

const fs = require('fs');
const path = require('path');
const { builtinModules } = require('module');

/* Source extensions, in the order a specifier without one tries them. */
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];

/*
 * "exports" conditions: those of require() first (a package's CommonJS
 * build is the one Node gives a CommonJS caller), then those of import,
 * for the packages published only as ES modules.
 */
const CONDITION_SETS = [
	['node', 'require', 'default'],
	['node', 'import', 'default'],
];

const BUILTINS = new Set(builtinModules);

/*
 * Those of them fnpool has, as its front end tells (every one of Node's
 * when the script runs without it).
 */
const PROVIDED = process.env.FNPOOL_CORE_MODULES ?
    new Set(process.env.FNPOOL_CORE_MODULES.split(',')) : BUILTINS;

function isFile(p) {
	try {
		return fs.statSync(p).isFile();
	} catch (e) {
		return false;
	}
}

function isDirectory(p) {
	try {
		return fs.statSync(p).isDirectory();
	} catch (e) {
		return false;
	}
}

function readJson(p) {
	try {
		return JSON.parse(fs.readFileSync(p, 'utf8'));
	} catch (e) {
		return null;
	}
}

/* TypeScript's ESM style names the output: './x.js' for x.ts. */
function typescriptTwin(p) {
	const m = /\.(c|m)?js$/.exec(p);
	return m ? p.slice(0, -m[0].length) + '.' + (m[1] || '') + 'ts' : null;
}

function resolveFile(p) {
	const twin = typescriptTwin(p);

	if (isFile(p))
		return p;
	for (const ext of EXTENSIONS)
		if (isFile(p + ext))
			return p + ext;
	if (twin !== null && isFile(twin))
		return twin;
	if (!isDirectory(p))
		return null;
	const pkg = readJson(path.join(p, 'package.json'));
	if (pkg && typeof pkg.main === 'string') {
		const main = resolveFile(path.resolve(p, pkg.main));
		if (main !== null)
			return main;
	}
	for (const ext of EXTENSIONS)
		if (isFile(path.join(p, 'index' + ext)))
			return path.join(p, 'index' + ext);
	return null;
}

function pickCondition(target, conditions, star) {
	if (typeof target === 'string')
		return star === null ? target : target.split('*').join(star);
	if (Array.isArray(target)) {
		for (const t of target) {
			const r = pickCondition(t, conditions, star);
			if (r !== null)
				return r;
		}
		return null;
	}
	if (target === null || typeof target !== 'object')
		return null;
	for (const key of Object.keys(target)) {
		if (!conditions.includes(key))
			continue;
		const r = pickCondition(target[key], conditions, star);
		if (r !== null)
			return r;
	}
	return null;
}

/* package.json "exports" for subpath ('.' or './x'), or null. */
function exportsTarget(exp, subpath, conditions) {
	if (typeof exp === 'string' || Array.isArray(exp) ||
	    !Object.keys(exp).some((k) => k.startsWith('.')))
		exp = { '.': exp };
	if (Object.prototype.hasOwnProperty.call(exp, subpath))
		return pickCondition(exp[subpath], conditions, null);
	let best = null;
	for (const key of Object.keys(exp)) {
		const star = key.indexOf('*');
		if (star === -1)
			continue;
		const pre = key.slice(0, star), post = key.slice(star + 1);
		if (subpath.length >= key.length - 1 && subpath.startsWith(pre) &&
		    subpath.endsWith(post) && (best === null ||
		    pre.length > best.pre.length))
			best = { key, pre, match: subpath.slice(pre.length,
			    subpath.length - post.length) };
	}
	return best && pickCondition(exp[best.key], conditions, best.match);
}

function splitPackage(spec) {
	const parts = spec.split('/');
	const n = spec.startsWith('@') ? 2 : 1;
	return { name: parts.slice(0, n).join('/'),
	    subpath: parts.length > n ? './' + parts.slice(n).join('/') : '.' };
}

function findPackageDir(name, fromDir) {
	for (let dir = fromDir; ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'node_modules', name);
		if (isFile(path.join(candidate, 'package.json')) ||
		    isDirectory(candidate))
			return candidate;
		if (path.dirname(dir) === dir)
			return null;
	}
}

function resolvePackage(spec, fromDir) {
	const { name, subpath } = splitPackage(spec);
	const dir = findPackageDir(name, fromDir);

	if (dir === null)
		return null;
	const pkg = readJson(path.join(dir, 'package.json')) || {};
	if (pkg.exports !== undefined && pkg.exports !== null) {
		for (const conditions of CONDITION_SETS) {
			const target = exportsTarget(pkg.exports, subpath,
			    conditions);
			if (target !== null)
				return resolveFile(path.resolve(dir, target));
		}
		return null;
	}
	return resolveFile(subpath === '.' ? dir : path.resolve(dir, subpath));
}

/*
 * The file spec names from the file `from`; null when it names a module
 * fnpool provides (Node's core modules, fnpool:db) or nothing found.
 * root is the source tree ('@/x' is relative to it); helpersFrom is where
 * the compiler's own helpers are installed.  Any way to one of them
 * whose own version fnpool build has (tools/build/helpers/) leads there.
 */
function resolveSpecifier(spec, from, root, helpersFrom) {
	return ownHelper(resolveAny(spec, from, root, helpersFrom));
}

function resolveAny(spec, from, root, helpersFrom) {
	if (spec.startsWith('node:') || spec.startsWith('fnpool:') ||
	    BUILTINS.has(spec))
		return null;
	if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' ||
	    spec === '..')
		return resolveFile(path.resolve(path.dirname(from), spec));
	if (spec.startsWith('@/'))
		return resolveFile(path.resolve(root, spec.slice(2)));
	if (spec.startsWith('/'))
		return null;
	if (spec.startsWith('@swc/helpers/'))
		return resolvePackage(spec, helpersFrom);
	return resolvePackage(spec, path.dirname(from));
}

/* fnpool build's own versions of some of @swc/helpers' files. */
const OWN_HELPERS = path.join(__dirname, 'helpers');
const SWC_HELPER = /[\\/]node_modules[\\/]@swc[\\/]helpers[\\/]cjs[\\/]([^\\/]+)$/;

/* file, or fnpool build's own version of it when it has one. */
function ownHelper(file) {
	const m = file === null ? null : SWC_HELPER.exec(file);
	const own = m && path.join(OWN_HELPERS, m[1]);
	return own !== null && isFile(own) ? own : file;
}

/* Where a file of OWN_HELPERS goes in the output tree, or null. */
function helperOutput(file) {
	return path.dirname(file) === OWN_HELPERS ? path.join('node_modules',
	    '@swc', 'helpers', 'cjs', path.basename(file)) : null;
}

function coreName(spec) {
	return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/* A core module of Node's that fnpool functions do not have ('fs'). */
function isMissingCore(spec) {
	const name = coreName(spec);
	return (spec.startsWith('node:') || BUILTINS.has(name)) &&
	    !PROVIDED.has(name);
}

const packageJsonCache = new Map();

/* The package.json nearest above file, parsed, or null. */
function packageOf(file) {
	const dir = path.dirname(file);
	if (!packageJsonCache.has(dir)) {
		const own = path.join(dir, 'package.json');
		packageJsonCache.set(dir, isFile(own) ? readJson(own) :
		    path.dirname(dir) === dir ? null : packageOf(dir));
	}
	return packageJsonCache.get(dir);
}

/*
 * Does the package of file say, in its package.json "browser" field
 * ({"fs": false}), that it runs without the core module spec names, which
 * fnpool lacks?  Then it gets an empty object, as bundlers give browsers;
 * a module fnpool has is left to fnpool.
 */
function isDroppedByPackage(spec, file) {
	if (!isMissingCore(spec))
		return false;
	const pkg = packageOf(file);
	const browser = pkg && pkg.browser;
	return browser !== null && typeof browser === 'object' &&
	    (browser[spec] === false || browser[coreName(spec)] === false);
}

module.exports = { resolveSpecifier, helperOutput, isMissingCore,
    isDroppedByPackage,
    isBuiltin: (s) => BUILTINS.has(s) || s.startsWith('node:') ||
    s.startsWith('fnpool:') };
