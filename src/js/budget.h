/*
 * budget: the memory of one MuJS state, counted by its allocator and
 * capped at the pool's memory_limit.  See docs/limits.md.
 */
#ifndef FNPOOL_BUDGET_H
#define FNPOOL_BUDGET_H

#include <stddef.h>

#include <mujs.h>

struct budget {
	size_t		 used;		/* bytes, as malloc_usable_size */
	size_t		 limit;		/* 0: none */
	size_t		 gc_at;		/* ask for a collection above this */
	int		 hit;		/* an allocation was refused */

	/* MuJS's collector schedule, when budget_attach found it */
	unsigned int	*gc_counter;
	unsigned int	*gc_thresh;
	int		*gc_mark;
	int		 last_mark;
};

void	 budget_init(struct budget *, size_t limit);
/* The js_Alloc to give js_newstate, with the budget as its context. */
void	*budget_alloc(void *budget, void *ptr, int size);
/* After js_newstate: lets the budget ask J for collections. */
void	 budget_attach(struct budget *, js_State *J);
/* Between requests: collects if the budget could not ask J to. */
void	 budget_collect(struct budget *, js_State *J);

#endif
