/*
 * regexp_mujs: MuJS's regular expressions compiled by fnpool's PCRE2
 * engine.  libmujs calls js_regcompx, js_regexec and js_regfreex through
 * its PLT, so the definitions here, exported from the executable
 * (src/js/regexp_mujs.sym, given to the linker), take the place of
 * MuJS's own for literals and `new RegExp` alike.  A RegExp's `prog` is
 * then a struct regexp_prog, which also keeps what MuJS has no room for:
 * the d, s, u and y flags and a lastIndex in UTF-16 units of any size.
 */
#ifndef FNPOOL_REGEXP_MUJS_H
#define FNPOOL_REGEXP_MUJS_H

#include <mujs.h>

#include "js/regexp_engine.h"

struct regexp_prog {
	unsigned magic;
	struct regexp_code *code;
	int	 flags;			/* RX_I, RX_M, RX_S, RX_U, RX_Y, RX_D */
	double	 last;			/* lastIndex, UTF-16 units */
	unsigned short mujs_last;	/* MuJS's `last` as last written */
};

/* The d, s, u and y flags (RX_*) of the next regexp MuJS compiles. */
void	 regexp_mujs_next_flags(int flags);

/*
 * The prog of the RegExp at idx (a TypeError if it is none), and in
 * *flags all its flags, g included.
 */
struct regexp_prog *regexp_mujs_prog(js_State *J, int idx, int *flags);
/* Its source, as JavaScript writes it (regexp_source.c). */
const char *regexp_mujs_source(js_State *J, int idx);
/*
 * lastIndex, reconciled with a value assigned in JavaScript meanwhile,
 * for matching s (NULL: a value assigned is taken as MuJS keeps it).
 */
double	 regexp_mujs_last(js_State *J, int idx, struct regexp_subject *s);
void	 regexp_mujs_set_last(js_State *J, int idx, double units);
/* Gives the RegExp at to the lastIndex of the one at from, as it is. */
void	 regexp_mujs_copy_last(js_State *J, int from, int to);

/*
 * Proves that MuJS compiles through this file and that its RegExp is
 * laid out as assumed.  Returns 0, or -1 with the reason in err.
 */
int	 regexp_mujs_probe(char *err, size_t errlen);

#endif
