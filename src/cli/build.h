/*
 * build: `fnpool build SRC DEST`: the functions tree compiled to ES5
 * CommonJS by the Node script installed in DATADIR/fnpool/build.
 */
#ifndef FNPOOL_BUILD_H
#define FNPOOL_BUILD_H

/*
 * Replaces the process with Node running the build script, passing
 * argv[1..] on; returns 1 (after saying why) when Node or the script
 * cannot be found or run.
 */
int	 build_exec(int argc, char **argv);

#endif
