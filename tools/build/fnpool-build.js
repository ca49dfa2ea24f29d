/*
 * fnpool build SRC DEST: a functions tree in ES2015-ES2023 and TypeScript
 * compiled, with the node_modules files it requires, into the ES5
 * CommonJS tree fnpool serves.  Run by `fnpool build` (src/build.c), or
 * directly with node.
 *
 * Every .js/.cjs/.mjs/.ts/.mts/.cts file under SRC (outside node_modules
 * and dot-directories) is an entry; what each requires is followed and
 * compiled too, and each require() names the exact output file, so fnpool
 * needs no package.json "exports" at run time.  Other files are copied.
 * The tree is written as a new release and DEST re-pointed to it
 * (release.js).
 */
'use strict';

const fs = require('fs');
const path = require('path');

const { BuildError, loadCompiler, installCompiler, compileFile } =
    require('./compile');
const { resolveSpecifier, helperOutput, isBuiltin, isMissingCore,
    isDroppedByPackage } = require('./resolve');
const { publish, checkDest } = require('./release');

const ENTRY = /\.(ts|mts|cts|js|mjs|cjs)$/;
const RENAMED = /\.(ts|mts|cts|mjs|cjs)$/;
const REQUIRE = /\brequire\(\s*(["'])([^"'\\\n]+)\1\s*\)/g;

const USAGE =
    'usage: fnpool build [--watch] [-q] SRC DEST\n' +
    '       fnpool build --install\n';

function parseArgs(argv) {
	const opt = { watch: false, install: false, quiet: false, args: [] };
	for (const a of argv) {
		if (a === '--watch' || a === '-w')
			opt.watch = true;
		else if (a === '--install')
			opt.install = true;
		else if (a === '-q' || a === '--quiet')
			opt.quiet = true;
		else if (a === '-h' || a === '--help')
			opt.help = true;
		else if (a.startsWith('-') && a !== '-')
			throw new UsageError('unknown option ' + a);
		else
			opt.args.push(a);
	}
	if (opt.help)
		return opt;
	if (opt.args.length !== 2 && !(opt.install && opt.args.length === 0))
		throw new UsageError('expected SRC and DEST, got ' +
		    opt.args.length + ' argument(s)');
	return opt;
}

class UsageError extends Error {}

/* The entry files and the files to copy, under src. */
function walk(src, dir, entries, copies) {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		if (e.name.startsWith('.') || e.name === 'node_modules')
			continue;
		const p = path.join(dir, e.name);
		const st = fs.statSync(p);
		if (st.isDirectory())
			walk(src, p, entries, copies);
		else if (!st.isFile())
			continue;
		else if (ENTRY.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name))
			entries.push(p);
		else
			copies.push(p);
	}
}

class Builder {
	constructor(src, dest, compiler) {
		this.src = src;
		this.dest = dest;
		this.compiler = compiler;
		this.cache = new Map();	/* file -> { mtimeMs, size, out } */
		this.warned = new Set();
	}

	label(file) {
		return path.relative(process.cwd(), file) || file;
	}

	/* The file's path in the output tree. */
	outputPath(file) {
		const own = helperOutput(file);
		if (own !== null)
			return own;
		const nm = file.lastIndexOf(path.sep + 'node_modules' +
		    path.sep);
		if (nm !== -1)
			return file.slice(nm + 1);
		const rel = path.relative(this.src, file);
		if (rel.startsWith('..') || path.isAbsolute(rel))
			throw new BuildError(this.label(file) + ': outside ' +
			    this.label(this.src) + ' (SRC): move it under SRC, ' +
			    'or make it a package in node_modules');
		return RENAMED.test(rel) ? rel.replace(RENAMED, '.js') : rel;
	}

	compiled(file) {
		const st = fs.statSync(file);
		const hit = this.cache.get(file);
		if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size)
			return hit.out;
		const out = compileFile(this.compiler.swc, file,
		    fs.readFileSync(file, 'utf8'), this.label(file));
		this.cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, out });
		this.compiledCount++;
		return out;
	}

	/* Once per file and specifier, for the source files only. */
	warn(file, spec, why) {
		const key = file + '\0' + spec;
		if (this.warned.has(key) || file.includes(path.sep +
		    'node_modules' + path.sep))
			return;
		this.warned.add(key);
		process.stderr.write('fnpool build: ' + this.label(file) +
		    ": '" + spec + "' " + why + '\n');
	}

	/* Rewrites each require of code to its output file; queues them. */
	link(file, outRel, code, queue) {
		return code.replace(REQUIRE, (m, q, spec) => {
			if (isDroppedByPackage(spec, file))
				return '({})';
			const target = resolveSpecifier(spec, file, this.src,
			    this.compiler.modules);
			if (target === null) {
				if (isMissingCore(spec))
					this.warn(file, spec, 'is not among ' +
					    "fnpool's core modules: require() " +
					    'throws when that line runs');
				else if (!isBuiltin(spec))
					this.warn(file, spec, 'cannot be ' +
					    "resolved (left for fnpool's " +
					    'require at run time)');
				return m;
			}
			queue.push(target);
			let rel = path.relative(path.dirname(outRel),
			    this.outputPath(target)).split(path.sep).join('/');
			if (!rel.startsWith('.'))
				rel = './' + rel;
			return 'require(' + JSON.stringify(rel) + ')';
		});
	}

	sourceMap(file, outRel, json) {
		const map = JSON.parse(json);
		const outDir = path.dirname(path.join(this.dest, outRel));
		map.file = path.basename(outRel);
		map.sourceRoot = path.relative(outDir, process.cwd())
		    .split(path.sep).join('/') + '/';
		map.sources = [this.label(file).split(path.sep).join('/')];
		delete map.sourcesContent;
		return JSON.stringify(map);
	}

	add(files, owners, outRel, file, data) {
		const other = owners.get(outRel);
		if (other !== undefined && other !== file)
			throw new BuildError(this.label(file) + ' and ' +
			    this.label(other) + ' would both be ' + outRel +
			    ' in DEST: rename one');
		owners.set(outRel, file);
		files.set(outRel, data);
	}

	/* The whole output tree, as a Map of relative path to contents. */
	tree() {
		const entries = [], copies = [], files = new Map();
		const owners = new Map(), done = new Set();

		walk(this.src, this.src, entries, copies);
		for (const f of copies)
			this.add(files, owners, this.outputPath(f), f,
			    fs.readFileSync(f));
		const queue = entries.slice();
		while (queue.length > 0) {
			const file = fs.realpathSync(queue.shift());
			if (done.has(file))
				continue;
			done.add(file);
			const outRel = this.outputPath(file);
			if (!ENTRY.test(file)) {
				this.add(files, owners, outRel, file,
				    fs.readFileSync(file));
				continue;
			}
			const c = this.compiled(file);
			const code = this.link(file, outRel, c.code, queue);
			this.add(files, owners, outRel, file, code +
			    '//# sourceMappingURL=' +
			    path.basename(outRel) + '.map\n');
			this.add(files, owners, outRel + '.map', file,
			    this.sourceMap(file, outRel, c.map));
		}
		return files;
	}

	build() {
		const t0 = process.hrtime.bigint();
		this.compiledCount = 0;
		const files = this.tree();
		const dir = publish(this.dest, files);
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		return { files: files.size, compiled: this.compiledCount, ms,
		    release: dir };
	}
}

function report(opt, r) {
	if (!opt.quiet)
		process.stderr.write('fnpool build: ' + opt.args[1] + ' -> ' +
		    path.relative(process.cwd(), r.release) + ': ' + r.files +
		    ' files, ' + r.compiled + ' compiled, in ' +
		    r.ms.toFixed(0) + ' ms\n');
}

/* Directories to watch: the source tree, and node_modules itself. */
function watchedDirs(src) {
	const dirs = [src];
	for (let i = 0; i < dirs.length; i++)
		for (const e of fs.readdirSync(dirs[i], { withFileTypes: true }))
			if (e.isDirectory() && !e.name.startsWith('.') &&
			    e.name !== 'node_modules')
				dirs.push(path.join(dirs[i], e.name));
	if (fs.existsSync(path.join(src, 'node_modules')))
		dirs.push(path.join(src, 'node_modules'));
	return dirs;
}

/* Rebuilds on each change (an npm install touches node_modules/). */
function watch(opt, builder) {
	const watchers = new Map();
	let timer = null, building = false, again = false;

	const rewatch = () => {
		const want = new Set(watchedDirs(builder.src));
		for (const [d, w] of watchers)
			if (!want.has(d)) {
				w.close();
				watchers.delete(d);
			}
		for (const d of want)
			if (!watchers.has(d))
				try {
					watchers.set(d, fs.watch(d, schedule));
				} catch (e) { /* gone meanwhile */ }
	};
	const run = () => {
		timer = null;
		if (building) {
			again = true;
			return;
		}
		building = true;
		try {
			report(opt, builder.build());
		} catch (e) {
			if (!(e instanceof BuildError))
				throw e;
			process.stderr.write('fnpool build: ' + e.message +
			    ' (DEST unchanged; waiting for changes)\n');
		}
		rewatch();
		building = false;
		if (again) {
			again = false;
			schedule();
		}
	};
	function schedule(event, name) {
		if (name && name.startsWith('.'))
			return;
		if (timer === null)
			timer = setTimeout(run, 20);
	}
	rewatch();
	run();
}

function main(argv) {
	let opt;
	try {
		opt = parseArgs(argv);
	} catch (e) {
		process.stderr.write('fnpool build: ' + e.message + '\n' + USAGE);
		return 2;
	}
	if (opt.help) {
		process.stdout.write(USAGE);
		return 0;
	}
	if (Number(process.versions.node.split('.')[0]) < 18) {
		process.stderr.write('fnpool build: Node ' +
		    process.versions.node + ' is too old: 18 or later\n');
		return 1;
	}
	try {
		if (opt.install)
			installCompiler();
		if (opt.args.length === 0)
			return 0;
		const compiler = loadCompiler();
		const [srcArg, destArg] = opt.args;
		let src;
		try {
			src = fs.realpathSync(srcArg);
		} catch (e) {
			throw new BuildError(srcArg + ': ' + e.message);
		}
		if (!fs.statSync(src).isDirectory())
			throw new BuildError(srcArg + ': not a directory');
		const dest = path.resolve(destArg);
		let parent;
		try {
			parent = fs.realpathSync(path.dirname(dest));
		} catch (e) {
			throw new BuildError(destArg + ': ' + e.message);
		}
		const real = path.join(parent, path.basename(dest));
		if (real === src || real.startsWith(src + path.sep))
			throw new BuildError(destArg + ' is inside ' + srcArg +
			    ': give a DEST outside the source tree');
		checkDest(dest);
		const builder = new Builder(src, dest, compiler);
		if (opt.watch) {
			watch(opt, builder);
			return null;
		}
		report(opt, builder.build());
		return 0;
	} catch (e) {
		if (!(e instanceof BuildError))
			throw e;
		process.stderr.write('fnpool build: ' + e.message + '\n');
		return 1;
	}
}

const status = main(process.argv.slice(2));
if (status !== null)
	process.exitCode = status;
