/*
 * check: `fnpool check [DIR | -c FILE [-p POOL]]`: every routable
 * function of a tree loaded as preload loads it, without serving, one
 * line per function on stdout (docs/deploy.md).
 */
#ifndef FNPOOL_CHECK_H
#define FNPOOL_CHECK_H

/*
 * Runs the subcommand (argv[0] is "check").  Returns the exit status:
 * 0 when every function loads, 1 when one does not (or there is none),
 * 2 for a usage or configuration error.
 */
int	 check_main(int argc, char **argv);

#endif
