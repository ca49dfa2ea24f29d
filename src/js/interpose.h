/*
 * interpose: the functions of MuJS's that fnpool replaces, each calling
 * MuJS's own (found with dlsym) for all it does not change.  MuJS calls
 * its exported functions through the PLT, so the definitions in the
 * fnpool executable are the ones the engine runs too.
 */
#ifndef FNPOOL_INTERPOSE_H
#define FNPOOL_INTERPOSE_H

/*
 * From now on (in this process) a symbol's typeof is "symbol" and it
 * converts to its key where the engine wants a property name.
 */
void	 interpose_symbols(void);

/* MuJS's own function of that name, which fnpool's replaces (fatal if none). */
void	*interpose_mujs(const char *name);

#endif
